import { ApierError, type Delegation, type DelegationStatus } from '@apier/contracts';
import type { DelegationRecord } from './delegation.repository';

/** The account-facing shape of a delegation: no external reference, no Altinn internals. */
export function toDelegationView(record: DelegationRecord): Delegation {
  return {
    id: record.id,
    orgnr: record.orgnr,
    status: record.status,
    system_user_id: record.systemUserId,
    access_packages: record.accessPackages,
    confirm_url: record.confirmUrl,
    requested_at: record.requestedAt.toISOString(),
    activated_at: iso(record.activatedAt),
    rejected_at: iso(record.rejectedAt),
    revoked_at: iso(record.revokedAt),
    expires_at: iso(record.expiresAt),
    last_checked_at: record.lastCheckedAt.toISOString(),
    last_confirmed_at: iso(record.lastConfirmedAt),
  };
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** The external reference that binds an Altinn System User request to one Apier account. */
export function externalRefFor(accountId: string): string {
  return `acc-${accountId}`;
}

/** The same answer for an unknown id and for another account's id: nothing to learn from it. */
export function delegationNotFound(orgnr?: string): ApierError {
  return new ApierError(
    'delegation_not_found',
    orgnr
      ? 'This account has no delegation for the organisation; request one first'
      : 'This account has no such delegation request',
    { details: orgnr ? { orgnr } : {} },
  );
}

/** Why a delegation that is not active cannot be used, as a specific refusal. */
export function refusalFor(
  record: DelegationRecord,
  status: Exclude<DelegationStatus, 'active'>,
): ApierError {
  const details = { delegation_id: record.id, orgnr: record.orgnr, delegation_status: status };
  switch (status) {
    case 'pending':
      return new ApierError(
        'delegation_pending',
        'The organisation has not approved the delegation yet; send its administrator the confirm URL',
        { details: { ...details, confirm_url: record.confirmUrl } },
      );
    case 'rejected':
      return new ApierError('delegation_rejected', 'The organisation rejected the delegation request', {
        details,
      });
    case 'expired':
      return new ApierError(
        'delegation_expired',
        'The delegation request expired unanswered; request a new one',
        { details },
      );
    case 'revoked':
      return new ApierError('delegation_revoked', 'The organisation revoked the delegation', { details });
  }
}
