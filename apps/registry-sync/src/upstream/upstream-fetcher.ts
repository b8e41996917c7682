import { ApierError } from '@apier/contracts';
import type { Environment } from '../snapshots/snapshot';
import { RateLimitedError, type UpstreamRateLimiter } from '../rate-limit/upstream-rate-limiter';
import type { DatasetSpec } from './datasets';
import { fetchUpstream, type UpstreamResponse } from './upstream-client';

export type UpstreamSource = DatasetSpec['source'];

/** Seconds a 429 without a Retry-After keeps an upstream closed. */
const DEFAULT_RETRY_AFTER_S = 1;

/**
 * Every call registry-sync makes to a registry goes through here: a token from the source's shared
 * bucket first, and a 429 closes the source for every replica until its Retry-After has passed.
 * The sandbox's upstreams (govsim) have buckets of their own.
 */
export class UpstreamFetcher {
  constructor(
    private readonly limiter: UpstreamRateLimiter,
    readonly environment: Environment,
    private readonly timeoutMs: number,
  ) {}

  /** `maxWaitMs`: how long the caller can afford to wait for a token before giving up. */
  async get(
    source: UpstreamSource,
    url: string,
    maxWaitMs: number,
    headers: Record<string, string> = {},
  ): Promise<UpstreamResponse> {
    const key = `${this.environment}:${source}`;
    try {
      await this.limiter.acquire(key, maxWaitMs);
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      throw new ApierError('upstream_unavailable', `${source} is rate-limited; not asked now`, {
        details: { source, rate_limited: true, retry_after_seconds: Math.ceil(error.waitMs / 1000) },
        cause: error,
      });
    }
    try {
      return await fetchUpstream(url, this.timeoutMs, headers);
    } catch (error) {
      if (error instanceof ApierError && error.details?.['status'] === 429) {
        const seconds = error.details['retry_after_seconds'];
        await this.limiter.blockFor(
          key,
          (typeof seconds === 'number' ? seconds : DEFAULT_RETRY_AFTER_S) * 1000,
        );
      }
      throw error;
    }
  }
}
