/**
 * NATS request/reply subjects (`apier.<service>.<verb>`). Every process prepends the configured
 * subject prefix, so parallel test runs never see each other's traffic.
 */
export const SUBJECTS = {
  registry: {
    companyContext: 'apier.registry.company-context',
    health: 'apier.registry.health',
  },
  auth: {
    health: 'apier.auth.health',
    authorizeOrg: 'apier.auth.authorize-org',
  },
  filing: {
    health: 'apier.filing.health',
  },
} as const;

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
