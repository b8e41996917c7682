import { ApierError } from '@apier/contracts';

/** The longest exponential backoff, however many attempts came before. */
export const MAX_BACKOFF_MS = 5 * 60_000;
/** A Retry-After longer than this is not believed: the job would sit parked for hours. */
export const MAX_RETRY_AFTER_MS = 15 * 60_000;

export interface FailureClass {
  retryable: boolean;
  /** What the upstream asked for with Retry-After (429, 503), in ms. */
  retryAfterMs: number | null;
}

/**
 * Whether a failed step may be tried again. Typed errors say so themselves (5xx, 408, 429,
 * timeouts and dropped connections are `retryable`; other 4xx, refused delegations and invalid
 * returns are not). Anything untyped (a database hiccup, a bug) is retried: exhausting the
 * attempts dead-letters it where an operator sees it, which beats failing a return for good.
 */
export function classifyFailure(error: unknown, now = Date.now()): FailureClass {
  if (!(error instanceof ApierError)) return { retryable: true, retryAfterMs: null };
  const retryAfter = error.details?.['retry_after'];
  return {
    retryable: error.retryable,
    retryAfterMs: typeof retryAfter === 'string' ? parseRetryAfter(retryAfter, now) : null,
  };
}

/** RFC 9110 Retry-After: delay-seconds or an HTTP-date; null when absent or unreadable. */
export function parseRetryAfter(value: string, now = Date.now()): number | null {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}

/**
 * Exponential backoff with full jitter (uniform in [0, min(cap, base·2^(n−1))]) after the n-th
 * failed attempt, so replicas retrying the same upstream spread out; never sooner than the
 * upstream's Retry-After.
 */
export function backoffDelayMs(
  failedAttempts: number,
  baseMs: number,
  retryAfterMs: number | null,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, failedAttempts - 1);
  const ceiling = Math.min(baseMs * 2 ** Math.min(exponent, 30), Math.max(baseMs, MAX_BACKOFF_MS));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === null ? jittered : Math.max(retryAfterMs, jittered);
}
