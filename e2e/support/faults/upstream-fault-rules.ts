/** Every upstream Apier calls, as govsim serves it. */
export const UPSTREAM_ROUTES = {
  maskinporten: '/maskinporten',
  'altinn token exchange': '/authentication/api/v1/exchange',
  'altinn system users': '/authentication/api/v1/systemuser',
  'altinn system register': '/authentication/api/v1/systemregister',
  'altinn mva app': '/skd/mva-melding-innsending-etm2',
  skatteetaten: '/skatteetaten',
  brreg: '/enhetsregisteret',
  nav: '/nav',
} as const;

/** How long a `timeout` fault holds a request before dropping it: longer than every client waits. */
export const HELD_MS = 4_000;

/**
 * govsim fault rules that hit each upstream route with probability `total`, split evenly over a
 * 503, a 429 with Retry-After, a request held until the client gives up, and a dropped connection.
 * govsim tries a route's rules in order and stops at the first that fires, so each later rule's
 * probability is conditional on the earlier ones not firing, which makes the four equal.
 */
export function upstreamFaultRules(total: number) {
  const kinds = [
    { kind: 'status', status: 503 },
    { kind: 'rate_limit', retry_after_s: 1 },
    { kind: 'timeout', latency_ms: HELD_MS },
    { kind: 'drop' },
  ];
  const each = total / kinds.length;
  return Object.values(UPSTREAM_ROUTES).flatMap((route_prefix) =>
    kinds.map((kind, i) => ({ route_prefix, ...kind, probability: each / (1 - each * i) })),
  );
}
