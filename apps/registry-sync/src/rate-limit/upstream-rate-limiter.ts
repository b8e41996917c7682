import type { AppLogger } from '@apier/platform';
import type { Redis } from 'ioredis';

/**
 * Token bucket plus a "blocked until" mark, one pair per key, in one atomic script so every
 * replica draws from the same bucket. Redis's clock decides, so replicas with skewed clocks agree.
 * Returns 0 when a token was taken, else how many milliseconds to wait before asking again.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local blocked = tonumber(redis.call('GET', KEYS[2]) or '0')
if blocked > now then return blocked - now end
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) * 1000 / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
return wait
`;

/** Moves the "blocked until" mark later, never earlier (two 429s: the longer wait stands). */
const BLOCK = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then redis.call('SET', KEYS[1], tostring(untilMs), 'PX', tonumber(ARGV[1])) end
return untilMs
`;

export interface RateLimit {
  /** Calls per second; the bucket holds one second's worth. */
  perSecond: number;
}

/** Thrown when the wait for a token would be longer than the caller can afford. */
export class RateLimitedError extends Error {
  constructor(
    readonly key: string,
    readonly waitMs: number,
  ) {
    super(`${key} is rate-limited for another ${waitMs} ms`);
    this.name = 'RateLimitedError';
  }
}

type LimiterRedis = Redis & {
  upstreamTake(bucket: string, blocked: string, rate: number, burst: number): Promise<number>;
  upstreamBlock(blocked: string, ms: number): Promise<number>;
};

/**
 * Per-upstream limits shared by every registry-sync replica through Redis, and the place a 429's
 * Retry-After is remembered so no replica calls that upstream again before it has passed. A Redis
 * outage lets calls through (logged): the upstream still guards itself with 429s, and reads must
 * not fail because the limiter's store is down.
 */
export class UpstreamRateLimiter {
  private readonly redis: LimiterRedis;
  private lastOutageLog = 0;

  constructor(
    redis: Redis,
    private readonly keyPrefix: string,
    private readonly limits: Record<string, RateLimit>,
    private readonly logger: AppLogger,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    redis.defineCommand('upstreamTake', { numberOfKeys: 2, lua: TAKE });
    redis.defineCommand('upstreamBlock', { numberOfKeys: 1, lua: BLOCK });
    this.redis = redis as LimiterRedis;
  }

  /** Waits for a token of `key`'s bucket, at most `maxWaitMs`; beyond that, RateLimitedError. */
  async acquire(key: string, maxWaitMs: number): Promise<void> {
    const limit = this.limitFor(key);
    const started = Date.now();
    for (;;) {
      let wait: number;
      try {
        wait = await this.redis.upstreamTake(
          this.bucketKey(key),
          this.blockedKey(key),
          limit.perSecond,
          Math.max(1, limit.perSecond),
        );
      } catch (error) {
        this.logOutage(error);
        return;
      }
      if (wait <= 0) return;
      const spent = Date.now() - started;
      if (spent + wait > maxWaitMs) throw new RateLimitedError(key, wait);
      await this.sleep(wait);
    }
  }

  /** Honours a 429: nobody calls `key` again for `ms`. */
  async blockFor(key: string, ms: number): Promise<void> {
    await this.redis
      .upstreamBlock(this.blockedKey(key), Math.max(1, Math.round(ms)))
      .catch((error: unknown) => this.logOutage(error));
  }

  private limitFor(key: string): RateLimit {
    const source = key.split(':').pop()!;
    const limit = this.limits[source];
    if (!limit) throw new Error(`No rate limit configured for ${source}`);
    return limit;
  }

  private bucketKey(key: string): string {
    return `${this.keyPrefix}registry:ratelimit:${key}:bucket`;
  }

  private blockedKey(key: string): string {
    return `${this.keyPrefix}registry:ratelimit:${key}:blocked-until`;
  }

  private logOutage(error: unknown): void {
    if (Date.now() - this.lastOutageLog < 60_000) return;
    this.lastOutageLog = Date.now();
    this.logger.warn({ err: error }, 'rate limiter store unreachable; upstream calls are not limited');
  }
}
