/**
 * NATS request/reply subjects (`apier.<service>.<verb>`). Every process prepends the configured
 * subject prefix, so parallel test runs never see each other's traffic.
 */
export const SUBJECTS = {
  registry: {
    companyContext: 'apier.registry.company-context',
    whoCanAct: 'apier.registry.who-can-act',
    health: 'apier.registry.health',
  },
  auth: {
    health: 'apier.auth.health',
    authorizeOrg: 'apier.auth.authorize-org',
    delegation: {
      createRequest: 'apier.auth.delegation.create-request',
      get: 'apier.auth.delegation.get',
      list: 'apier.auth.delegation.list',
      confirm: 'apier.auth.delegation.confirm',
    },
    /** Internal to the filing pipeline; the reply carries a token and is never logged. */
    systemUserAltinnToken: 'apier.auth.system-user-altinn-token',
  },
  filing: {
    health: 'apier.filing.health',
    dryRun: 'apier.filing.dry-run',
    execute: 'apier.filing.execute',
    action: { get: 'apier.filing.action.get' },
    approval: {
      get: 'apier.filing.approval.get',
      list: 'apier.filing.approval.list',
      approve: 'apier.filing.approval.approve',
    },
    receipt: { verify: 'apier.filing.receipt.verify' },
  },
} as const;

/**
 * Domain events on JetStream (`apier.events.<domain>.<event>`), prefixed like every subject. With a
 * prefix `token.` the stream is `token_APIER`, so parallel runs each own a stream.
 */
export const EVENTS = {
  stream: 'APIER',
  subjects: 'apier.events.>',
  delegation: {
    activated: 'apier.events.delegation.activated',
    rejected: 'apier.events.delegation.rejected',
    expired: 'apier.events.delegation.expired',
    revoked: 'apier.events.delegation.revoked',
  },
  company: {
    changed: 'apier.events.company.changed',
  },
  action: {
    queued: 'apier.events.action.queued',
    submitted: 'apier.events.action.submitted',
    needsConfirmation: 'apier.events.action.needs_confirmation',
    failed: 'apier.events.action.failed',
    deadLettered: 'apier.events.action.dead_lettered',
  },
} as const;

/** The JetStream stream that holds the events of a run with this subject prefix. */
export function eventStreamName(subjectPrefix: string): string {
  const stem = subjectPrefix.replace(/\.$/, '').replace(/[^A-Za-z0-9_-]/g, '_');
  return stem ? `${stem}_${EVENTS.stream}` : EVENTS.stream;
}

/** Queue groups: replicas of one service share a group so each request is handled once. */
export const QUEUE_GROUPS = {
  registry: 'registry-sync',
  auth: 'auth-broker',
  filing: 'filing',
} as const;

/** Message headers carried on every request. */
export const HEADERS = {
  traceparent: 'traceparent',
  requestId: 'x-request-id',
  accountId: 'apier-account-id',
  deadline: 'apier-deadline',
} as const;
