import {
  ApierError,
  type CreateDelegationReply,
  type Delegation,
  type DelegationList,
} from '@apier/contracts';
import type { AppLogger } from '@apier/platform';
import type { AltinnAuthenticationApi, SystemUserRequest } from '../altinn/altinn-authentication.client';
import { altinnCodeOf } from '../altinn/altinn-http';
import type { SystemRegistration } from '../altinn/system-registration';
import type { DelegationReconciler } from './delegation-reconciler';
import { delegationNotFound, externalRefFor, refusalFor, toDelegationView } from './delegation-views';
import type { DelegationRecord, DelegationRepository } from './delegation.repository';

/** Altinn reports a request unanswered for this long as timed out (reference §4.2). */
const REQUEST_TIMEOUT_MS = 180 * 24 * 3600 * 1000;

/** The triple is taken by a decided request whose System User is gone: delete it and ask again. */
const RENEWABLE = new Set(['AUTH-00006', 'AUTH-00008', 'AUTH-00009']);

/**
 * The account-facing side of delegations: start the System User handshake, show its state. Every
 * read is scoped to the caller's account; the Altinn external reference (`acc-<account id>`) binds
 * each request, and so each System User, to one account.
 */
export class DelegationService {
  constructor(
    private readonly repository: DelegationRepository,
    private readonly altinn: AltinnAuthenticationApi,
    private readonly registration: SystemRegistration,
    private readonly reconciler: DelegationReconciler,
    private readonly logger: AppLogger,
    private readonly options: { freshnessSeconds: number },
    private readonly now: () => Date = () => new Date(),
  ) {}

  async createRequest(accountId: string, orgnr: string, packages: string[]): Promise<CreateDelegationReply> {
    this.assertOffered(packages);
    const wanted = [...new Set(packages)].sort();
    await this.registration.ensure();
    const externalRef = externalRefFor(accountId);
    const { created, request } = await this.requestAtAltinn(accountId, orgnr, externalRef, wanted, true);
    if (request.partyOrgNo !== orgnr || (request.externalRef ?? orgnr) !== externalRef) {
      // Never store a request for another organisation or account, whatever Altinn answered.
      throw new ApierError('upstream_bad_response', 'Altinn answered with a request for someone else', {
        details: { upstream: 'altinn' },
      });
    }
    const now = this.now();
    const requestedAt = parseDate(request.created) ?? now;
    const { inserted, record } = await this.repository.insertOnce({
      accountId,
      orgnr,
      systemId: this.registration.systemId,
      externalRef,
      requestId: request.id,
      status: 'pending',
      accessPackages: request.accessPackages?.map((p) => p.urn).sort() ?? wanted,
      confirmUrl: request.confirmUrl,
      requestedAt,
      expiresAt: new Date(requestedAt.getTime() + REQUEST_TIMEOUT_MS),
      lastCheckedAt: now,
    });
    const current = request.status === 'New' ? record : await this.refreshQuietly(record, true);
    if (created) await this.reviewOtherActive(accountId, orgnr, record.id);
    return { created: created && inserted, delegation: toDelegationView(current) };
  }

  async get(accountId: string, id: string): Promise<Delegation> {
    const record = await this.repository.findForAccount(accountId, id);
    if (!record) throw delegationNotFound();
    return toDelegationView(await this.refreshQuietly(record, false));
  }

  async list(accountId: string, orgnr: string): Promise<DelegationList> {
    const records = await this.repository.listForAccount(accountId, orgnr);
    return { orgnr, delegations: records.map(toDelegationView) };
  }

  /** Only packages Apier's registered system offers can be asked for (Altinn would say AUTH-00001). */
  private assertOffered(packages: string[]): void {
    const offered = this.registration.accessPackages;
    const errors = packages.flatMap((urn, index) =>
      offered.includes(urn)
        ? []
        : [
            {
              pointer: `/access_packages/${index}`,
              detail: `Apier’s system in Altinn does not offer ${urn}`,
            },
          ],
    );
    if (errors.length === 0) return;
    throw new ApierError('validation_failed', 'An access package is not one Apier can ask for', {
      details: { errors, available_access_packages: offered },
    });
  }

  private async requestAtAltinn(
    accountId: string,
    orgnr: string,
    externalRef: string,
    packages: string[],
    mayRenew: boolean,
  ): Promise<{ created: boolean; request: SystemUserRequest }> {
    const systemId = this.registration.systemId;
    try {
      return await this.altinn.createRequest({
        systemId,
        partyOrgNo: orgnr,
        externalRef,
        accessPackages: packages,
      });
    } catch (error) {
      const code = altinnCodeOf(error);
      if (code === 'AUTH-00004') throw await this.alreadyActive(accountId, orgnr);
      if (code === 'AUTH-00007') throw await this.otherPending(accountId, orgnr);
      if (!mayRenew || !code || !RENEWABLE.has(code)) throw error;
      await this.clearDecidedRequest(accountId, orgnr, externalRef);
      return this.requestAtAltinn(accountId, orgnr, externalRef, packages, false);
    }
  }

  /** AUTH-00004: the System User exists. Catch up on a pending row Altinn has accepted meanwhile. */
  private async alreadyActive(accountId: string, orgnr: string): Promise<ApierError> {
    let records = await this.repository.listForAccount(accountId, orgnr);
    const pending = records.filter((r) => r.status === 'pending');
    if (pending.length) {
      await Promise.all(pending.map((r) => this.refreshQuietly(r, true)));
      records = await this.repository.listForAccount(accountId, orgnr);
    }
    const active = records.find((r) => r.status === 'active');
    return new ApierError(
      'delegation_exists',
      'This account already has an active delegation for the organisation',
      { details: { orgnr, ...(active ? { delegation_id: active.id } : {}) } },
    );
  }

  /** AUTH-00007: a pending request with other access packages awaits the organisation. */
  private async otherPending(accountId: string, orgnr: string): Promise<ApierError> {
    const pending = (await this.repository.listForAccount(accountId, orgnr)).find(
      (r) => r.status === 'pending',
    );
    if (pending) {
      const refusal = refusalFor(pending, 'pending');
      return new ApierError(
        'delegation_pending',
        'A request with other access packages awaits the organisation’s decision',
        { details: { ...refusal.details, access_packages: pending.accessPackages } },
      );
    }
    return new ApierError('delegation_pending', 'A request for this organisation awaits its decision', {
      details: { orgnr },
    });
  }

  /** Record the old request's outcome, then delete it at Altinn so the triple can be asked again. */
  private async clearDecidedRequest(accountId: string, orgnr: string, externalRef: string): Promise<void> {
    const old = await this.altinn.getRequestByExternalRef(this.registration.systemId, orgnr, externalRef);
    if (!old) return;
    const record = await this.repository.findByRequest(accountId, old.id);
    if (record) await this.refreshQuietly(record, true);
    await this.altinn.deleteRequest(old.id);
    this.logger.info(
      { orgnr, request_status: old.status },
      'decided system user request deleted to ask again',
    );
  }

  /** A new request exists: an older row still marked active must have lost its System User. */
  private async reviewOtherActive(accountId: string, orgnr: string, newId: string): Promise<void> {
    const stale = (await this.repository.listForAccount(accountId, orgnr)).filter(
      (r) => r.status === 'active' && r.id !== newId,
    );
    await Promise.all(stale.map((r) => this.refreshQuietly(r, true)));
  }

  /**
   * Reads are informative, so Altinn being down is not an error here: the stored state is answered
   * (its `last_checked_at` says how old it is). Binding checks use DelegationConfirmation instead.
   */
  private async refreshQuietly(record: DelegationRecord, always: boolean): Promise<DelegationRecord> {
    const stale =
      this.now().getTime() - record.lastCheckedAt.getTime() >= this.options.freshnessSeconds * 1000;
    if (!always && record.status !== 'pending' && !(record.status === 'active' && stale)) return record;
    try {
      return await this.reconciler.reconcile(record);
    } catch (error) {
      this.logger.warn({ err: error, delegation_id: record.id }, 'delegation not re-checked with Altinn');
      return record;
    }
  }
}

function parseDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
