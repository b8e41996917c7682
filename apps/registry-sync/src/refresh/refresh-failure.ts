import { ApierError } from '@apier/contracts';

export type RefreshFailure =
  { kind: 'rate-limited'; retryAfterMs: number } | { kind: 'permanent' } | { kind: 'transient' };

/**
 * How a background refresh reacts to a failure: a 429 (or our own limiter saying no) waits out the
 * Retry-After; a 4xx answer will not change by asking again; timeouts, 5xx and anything else (a
 * database hiccup) are retried with exponential backoff.
 */
export function classifyRefreshFailure(error: unknown): RefreshFailure {
  if (!(error instanceof ApierError)) return { kind: 'transient' };
  const status = error.details?.['status'];
  const seconds = error.details?.['retry_after_seconds'];
  if (status === 429 || error.details?.['rate_limited'] === true) {
    return {
      kind: 'rate-limited',
      retryAfterMs: Math.max(1, typeof seconds === 'number' ? seconds : 1) * 1000,
    };
  }
  if (typeof status === 'number' && status >= 400 && status < 500) return { kind: 'permanent' };
  return error.retryable ? { kind: 'transient' } : { kind: 'permanent' };
}
