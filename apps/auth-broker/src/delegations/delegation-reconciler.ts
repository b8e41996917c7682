import type { AppLogger } from '@apier/platform';
import type { AltinnAuthenticationApi } from '../altinn/altinn-authentication.client';
import type { SystemRegistration } from '../altinn/system-registration';
import type { DelegationEventPublisher } from './delegation-event-publisher';
import type { DelegationRecord, DelegationRepository, TerminalOrActive } from './delegation.repository';

/** How many pending requests one sweep polls at most (the least recently checked first). */
const PENDING_PER_SWEEP = 500;

export interface SweepResult {
  pending: number;
  active: number;
  transitions: number;
  failures: number;
}

/**
 * Brings stored delegations in line with Altinn. Pending requests are polled by id (Accepted →
 * active, Rejected/Denied → rejected, Timedout or gone → expired); active ones are checked against
 * the System Users of our system (missing → revoked). Altinn has no push, so this sweep and the
 * on-demand checks are how revocations are seen. Upstream failures never change a status.
 */
export class DelegationReconciler {
  constructor(
    private readonly repository: DelegationRepository,
    private readonly altinn: AltinnAuthenticationApi,
    private readonly registration: SystemRegistration,
    private readonly events: DelegationEventPublisher,
    private readonly logger: AppLogger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One delegation, now. Throws when Altinn cannot answer; the stored status is then unchanged. */
  async reconcile(record: DelegationRecord): Promise<DelegationRecord> {
    const result =
      record.status === 'pending'
        ? await this.reconcilePending(record)
        : record.status === 'active'
          ? await this.reconcileActive(record)
          : record;
    if (result.status !== record.status) await this.events.flushQuietly();
    return result;
  }

  /** Maskinporten said MP-303 for an active delegation: the System User is gone. */
  async markRevoked(record: DelegationRecord): Promise<DelegationRecord> {
    const revoked = await this.move(record, 'revoked', 'maskinporten refused the system user');
    await this.events.flushQuietly();
    return revoked;
  }

  /** The repeatable job: every pending request, then every active delegation, then the outbox. */
  async sweep(): Promise<SweepResult> {
    const result: SweepResult = { pending: 0, active: 0, transitions: 0, failures: 0 };
    await this.registration.ensure();
    for (const record of await this.repository.pendingForSweep(PENDING_PER_SWEEP)) {
      result.pending++;
      try {
        const after = await this.reconcilePending(record);
        if (after.status !== record.status) result.transitions++;
      } catch (error) {
        result.failures++;
        this.logger.warn({ err: error, delegation_id: record.id }, 'pending delegation not checked');
      }
    }
    const active = await this.repository.activeForSweep(this.registration.systemId);
    result.active = active.length;
    if (active.length > 0) result.transitions += await this.sweepActive(active);
    this.logger.info({ ...result }, 'delegations reconciled');
    await this.events.flush();
    return result;
  }

  private async sweepActive(active: DelegationRecord[]): Promise<number> {
    // The whole list or nothing: a partial list must never read as "revoked".
    const present = new Set(
      (await this.altinn.listSystemUsers(this.registration.systemId)).map((user) => user.id),
    );
    const seen = active.filter((r) => r.systemUserId !== null && present.has(r.systemUserId));
    await this.repository.touchMany(
      seen.map((r) => r.id),
      this.now(),
      true,
    );
    let transitions = 0;
    for (const record of active.filter((r) => !seen.includes(r))) {
      await this.move(record, 'revoked', 'system user no longer listed');
      transitions++;
    }
    return transitions;
  }

  private async reconcilePending(record: DelegationRecord): Promise<DelegationRecord> {
    const request = await this.altinn.getRequest(record.requestId);
    if (!request) return this.move(record, 'expired', 'request no longer known to Altinn');
    switch (request.status) {
      case 'New':
        return this.repository.touch(record.id, this.now(), false);
      case 'Accepted': {
        const user = await this.altinn.findSystemUser(record.systemId, record.orgnr, record.externalRef);
        if (!user) return this.move(record, 'revoked', 'accepted, but the system user is gone');
        return this.move(record, 'active', 'request accepted', { systemUserId: user.id });
      }
      case 'Rejected':
      case 'Denied':
        return this.move(record, 'rejected', `request ${request.status.toLowerCase()}`);
      case 'Timedout':
        return this.move(record, 'expired', 'request timed out');
    }
  }

  private async reconcileActive(record: DelegationRecord): Promise<DelegationRecord> {
    const user = await this.altinn.findSystemUser(record.systemId, record.orgnr, record.externalRef);
    if (user && user.id === record.systemUserId) return this.repository.touch(record.id, this.now(), true);
    return this.move(record, 'revoked', 'system user not found');
  }

  private async move(
    record: DelegationRecord,
    to: TerminalOrActive,
    reason: string,
    patch: { systemUserId?: string } = {},
  ): Promise<DelegationRecord> {
    const at = this.now();
    const expiresAt =
      to === 'expired'
        ? new Date(Math.min(record.expiresAt?.getTime() ?? Infinity, at.getTime()))
        : undefined;
    const { changed, record: after } = await this.repository.transition(record.id, record.status, to, at, {
      ...patch,
      ...(expiresAt ? { expiresAt } : {}),
    });
    if (changed) {
      this.logger.info(
        { delegation_id: record.id, orgnr: record.orgnr, from: record.status, to, reason },
        'delegation status changed',
      );
    }
    return after;
  }
}
