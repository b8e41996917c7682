import {
  ApierError,
  BINDING_ACTIONS,
  type BindingActionType,
  type ConfirmDelegationReply,
  type DelegationState,
  type PreflightCheck,
} from '@apier/contracts';
import { fail, pass } from './check-result';

/** What is known about the account's System User for the org: a fresh confirmation, or why not. */
export type SystemUserEvidence =
  | { kind: 'confirmed'; reply: ConfirmDelegationReply }
  | { kind: 'sandbox'; state: DelegationState }
  | { kind: 'refused'; error: ApierError };

const REFUSAL_MESSAGES: Record<string, string> = {
  delegation_not_found: 'The account has no System User delegation for this organisation',
  delegation_pending: 'The delegation still awaits the organisation’s approval in Altinn',
  delegation_rejected: 'The organisation rejected the delegation',
  delegation_expired: 'The delegation request expired before it was approved',
  delegation_revoked: 'The organisation revoked the delegation',
  delegation_inactive: 'Altinn no longer recognises the System User for this organisation',
  delegation_unconfirmable: 'Altinn and Maskinporten could not confirm the delegation now; try again shortly',
};

/** Check 2: an active delegation of this account for this org, confirmed with Altinn just now. */
export function systemUserAuthorisedCheck(evidence: SystemUserEvidence): PreflightCheck {
  const CHECK = 'system_user_authorised';
  if (evidence.kind === 'refused') {
    const code = evidence.error.code in REFUSAL_MESSAGES ? evidence.error.code : 'delegation_unconfirmable';
    return fail(CHECK, code, REFUSAL_MESSAGES[code] ?? evidence.error.message, {
      retryable: evidence.error.retryable,
    });
  }
  if (evidence.kind === 'sandbox') {
    const active = evidence.state.state === 'active';
    const details = { system_user_id: evidence.state.system_user_id, synthetic: evidence.state.synthetic };
    return active
      ? pass(CHECK, 'delegation_active', 'The sandbox System User is active', details)
      : fail(CHECK, `delegation_${evidence.state.state}`, 'The sandbox System User is not active', details);
  }
  const { reply } = evidence;
  return pass(CHECK, 'delegation_active', 'Altinn confirmed the System User delegation just now', {
    delegation_id: reply.delegation_id,
    system_user_id: reply.system_user_id,
    confirmed_at: reply.confirmed_at,
    valid_until: reply.valid_until,
  });
}

/** Check 3: the delegation holds every access package the action type needs. */
export function scopesDelegatedCheck(
  evidence: SystemUserEvidence,
  action: BindingActionType,
): PreflightCheck {
  const CHECK = 'scopes_delegated';
  const required = [...BINDING_ACTIONS[action].required_access_packages];
  if (evidence.kind === 'refused') {
    return fail(
      CHECK,
      'no_active_delegation',
      'Without an active delegation no access package is delegated',
      {
        required_access_packages: required,
      },
    );
  }
  const held =
    evidence.kind === 'confirmed' ? evidence.reply.access_packages : evidence.state.access_packages;
  if (evidence.kind === 'sandbox' && evidence.state.state !== 'active') {
    return fail(
      CHECK,
      'no_active_delegation',
      'Without an active delegation no access package is delegated',
      {
        required_access_packages: required,
      },
    );
  }
  const missing = required.filter((urn) => !held.includes(urn));
  const details = {
    required_access_packages: required,
    delegated_access_packages: held,
    missing_access_packages: missing,
  };
  return missing.length === 0
    ? pass(CHECK, 'packages_delegated', 'Every access package this action needs is delegated', details)
    : fail(CHECK, 'packages_missing', `The delegation lacks ${missing.join(', ')}`, details);
}
