/**
 * How old a stored snapshot may be, and what a read does about it:
 * - younger than `freshMs`: served as it is;
 * - older, but younger than `maxAgeMs`: served at once, marked stale, and refreshed in the
 *   background (stale-while-revalidate), so a read never waits for a registry it has data from;
 * - older than `maxAgeMs`: too old to answer with while the registry is up, so the read fetches
 *   and waits (falling back to the old snapshot, marked stale, only when the registry is down).
 */
export interface FreshnessPolicy {
  freshMs: number;
  maxAgeMs: number;
}

export type FreshnessVerdict = 'fresh' | 'revalidate' | 'expired';

export function judgeFreshness(fetchedAt: Date, now: Date, policy: FreshnessPolicy): FreshnessVerdict {
  const age = now.getTime() - fetchedAt.getTime();
  if (age < policy.freshMs) return 'fresh';
  return age < policy.maxAgeMs ? 'revalidate' : 'expired';
}
