import { ApierError } from '@apier/contracts';
import {
  backoffDelayMs,
  classifyFailure,
  MAX_BACKOFF_MS,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
} from './retry-policy';

describe('which failures the pipeline retries', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');

  it('retries what the error itself calls retryable, with the upstream’s Retry-After', () => {
    const limited = new ApierError('upstream_unavailable', 'Altinn answered 429', {
      details: { retry_after: '7' },
    });
    expect(classifyFailure(limited, now)).toEqual({ retryable: true, retryAfterMs: 7_000 });
    expect(classifyFailure(new ApierError('timeout', 'no answer'), now)).toEqual({
      retryable: true,
      retryAfterMs: null,
    });
    expect(classifyFailure(new ApierError('delegation_unconfirmable', 'later'), now).retryable).toBe(true);
  });

  it('does not retry refusals, revoked delegations or rejected returns', () => {
    for (const code of [
      'altinn_rejected',
      'delegation_revoked',
      'delegation_packages_missing',
      'mva_melding_rejected',
    ] as const) {
      expect(classifyFailure(new ApierError(code, 'no'), now)).toEqual({
        retryable: false,
        retryAfterMs: null,
      });
    }
  });

  it('retries an untyped failure (a database hiccup, a bug): exhausting it dead-letters it', () => {
    expect(classifyFailure(new Error('Connection terminated'), now)).toEqual({
      retryable: true,
      retryAfterMs: null,
    });
  });

  it('reads Retry-After as seconds or as an HTTP date, and distrusts huge values', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 12 ', now)).toBe(12_000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('86400', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});

describe('exponential backoff with full jitter', () => {
  it('grows as base·2^(n−1) and spreads uniformly below that ceiling', () => {
    expect(backoffDelayMs(1, 1_000, null, () => 0.999_999)).toBe(999);
    expect(backoffDelayMs(2, 1_000, null, () => 0.999_999)).toBe(1_999);
    expect(backoffDelayMs(4, 1_000, null, () => 0.5)).toBe(4_000);
    expect(backoffDelayMs(4, 1_000, null, () => 0)).toBe(0);
  });

  it('stays uniform over many draws: mean near half the ceiling, nothing above it', () => {
    const draws = Array.from({ length: 5_000 }, () => backoffDelayMs(3, 100, null));
    expect(Math.max(...draws)).toBeLessThan(400);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(mean).toBeGreaterThan(170);
    expect(mean).toBeLessThan(230);
  });

  it('is capped however many attempts failed', () => {
    expect(backoffDelayMs(60, 1_000, null, () => 0.999_999)).toBeLessThan(MAX_BACKOFF_MS);
    expect(backoffDelayMs(60, 1_000, null, () => 0.999_999)).toBeGreaterThan(MAX_BACKOFF_MS - 2);
  });

  it('never retries sooner than Retry-After asks, even when the jitter draws less', () => {
    expect(backoffDelayMs(1, 1_000, 5_000, () => 0.1)).toBe(5_000);
    expect(backoffDelayMs(8, 1_000, 5_000, () => 0.9)).toBe(Math.floor(0.9 * 128_000));
  });
});
