import { ApierError, type AuthorizeOrgReply, type ConfirmDelegationReply } from '@apier/contracts';
import type { AppLogger } from '@apier/platform';
import type { DelegationReconciler } from './delegation-reconciler';
import { delegationNotFound, refusalFor } from './delegation-views';
import type { DelegationRecord, DelegationRepository } from './delegation.repository';

/** Obtains a System User token for (org, externalRef); the OrgAuthorityService in production. */
export interface SystemUserAuthority {
  authorize(
    orgnr: string,
    scopes: string[],
    fresh: boolean,
    externalRef?: string,
  ): Promise<AuthorizeOrgReply>;
}

export interface DelegationConfirmationOptions {
  /** How old Altinn's last word on an active delegation may be before it is asked again. */
  freshnessSeconds: number;
  /** Scopes of the System User token that proves Maskinporten accepts the delegation now. */
  scopes: string[];
}

/**
 * The check before every binding action, failing closed: authority for an account and org exists
 * only when the account's own delegation is active, Altinn confirmed it within the freshness
 * bound, and Maskinporten issues a System User token for it right now. Anything else is a
 * specific refusal; an upstream that cannot answer is `delegation_unconfirmable`, never an allow.
 */
export class DelegationConfirmation {
  constructor(
    private readonly repository: DelegationRepository,
    private readonly reconciler: DelegationReconciler,
    private readonly authority: SystemUserAuthority,
    private readonly logger: AppLogger,
    private readonly options: DelegationConfirmationOptions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async confirm(accountId: string, orgnr: string, packages: string[]): Promise<ConfirmDelegationReply> {
    let record = await this.current(accountId, orgnr);
    if (record.status === 'pending' || (record.status === 'active' && this.stale(record))) {
      record = await this.checkWithAltinn(record);
    }
    if (record.status !== 'active') throw refusalFor(record, record.status);
    const missing = packages.filter((urn) => !record.accessPackages.includes(urn));
    if (missing.length > 0) {
      throw new ApierError(
        'delegation_packages_missing',
        'The organisation did not delegate every access package this needs',
        { details: { delegation_id: record.id, orgnr, missing_access_packages: missing } },
      );
    }
    const token = await this.systemUserToken(record);
    const confirmed = await this.repository.touch(record.id, this.now(), true);
    this.logger.info(
      { delegation_id: record.id, orgnr, source: token.source, account_id: accountId },
      'delegation confirmed',
    );
    return {
      delegation_id: confirmed.id,
      orgnr: confirmed.orgnr,
      status: 'active',
      access_packages: confirmed.accessPackages,
      system_user_id: confirmed.systemUserId!,
      confirmed_at: token.confirmed_at,
      valid_until: token.valid_until,
    };
  }

  /** The account's delegation for the org: the active one, else the pending one, else the newest. */
  private async current(accountId: string, orgnr: string): Promise<DelegationRecord> {
    const records = await this.repository.listForAccount(accountId, orgnr);
    const record =
      records.find((r) => r.status === 'active') ?? records.find((r) => r.status === 'pending') ?? records[0];
    if (!record) throw delegationNotFound(orgnr);
    return record;
  }

  private stale(record: DelegationRecord): boolean {
    const confirmedAt = record.lastConfirmedAt?.getTime() ?? 0;
    return this.now().getTime() - confirmedAt >= this.options.freshnessSeconds * 1000;
  }

  private async checkWithAltinn(record: DelegationRecord): Promise<DelegationRecord> {
    try {
      return await this.reconciler.reconcile(record);
    } catch (error) {
      throw unconfirmable(record, 'altinn', error);
    }
  }

  private async systemUserToken(record: DelegationRecord): Promise<AuthorizeOrgReply> {
    try {
      return await this.authority.authorize(record.orgnr, this.options.scopes, true, record.externalRef);
    } catch (error) {
      if (error instanceof ApierError && error.code === 'delegation_inactive') {
        // MP-303: Maskinporten finds no System User for us and this org: it is gone.
        const after = await this.reconciler.markRevoked(record);
        throw refusalFor(after, after.status === 'active' ? 'revoked' : after.status);
      }
      throw unconfirmable(record, 'maskinporten', error);
    }
  }
}

function unconfirmable(record: DelegationRecord, upstream: string, cause: unknown): ApierError {
  const code = cause instanceof ApierError ? cause.code : 'internal';
  return new ApierError(
    'delegation_unconfirmable',
    'The delegation could not be confirmed right now; the action is refused, try again shortly',
    { details: { delegation_id: record.id, orgnr: record.orgnr, upstream, upstream_code: code }, cause },
  );
}
