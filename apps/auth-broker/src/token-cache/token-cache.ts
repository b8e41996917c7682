import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { TokenSealer } from './token-sealer';

export interface IssuedToken {
  accessToken: string;
  expiresInSeconds: number;
}

export interface CachedToken {
  accessToken: string;
  /** Epoch ms after which the token must not be used (already capped and shortened by the margin). */
  usableUntil: number;
}

export interface TokenCacheOptions {
  keyPrefix: string;
  /** Caps how long a revoked delegation can go unnoticed: issued tokens cannot be revoked. */
  maxTtlSeconds: number;
  /** Refresh this long before expiry, so clock skew never hands out a dead token. */
  refreshMarginSeconds: number;
  lockTtlMs: number;
  now?: () => number;
}

const RELEASE_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Two-level token cache (process memory, then Redis sealed at rest) with single-flight across
 * concurrent callers in this process and across replicas (a Redis lock): one Maskinporten call
 * per key per token lifetime.
 */
export class TokenCache {
  private readonly memory = new Map<string, CachedToken>();
  private readonly inFlight = new Map<string, Promise<CachedToken>>();
  private readonly now: () => number;

  constructor(
    private readonly redis: Redis,
    private readonly sealer: TokenSealer,
    private readonly options: TokenCacheOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async get(cacheKey: string, issue: () => Promise<IssuedToken>): Promise<CachedToken> {
    const local = this.memory.get(cacheKey);
    if (local && this.usable(local)) return local;
    const pending = this.inFlight.get(cacheKey);
    if (pending) return pending;
    const work = this.fromRedisOrIssue(cacheKey, issue).finally(() => this.inFlight.delete(cacheKey));
    this.inFlight.set(cacheKey, work);
    return work;
  }

  /** Forget a token everywhere, e.g. when Maskinporten says the delegation is gone. */
  async invalidate(cacheKey: string): Promise<void> {
    this.memory.delete(cacheKey);
    await this.redis.del(this.redisKey(cacheKey));
  }

  private async fromRedisOrIssue(cacheKey: string, issue: () => Promise<IssuedToken>): Promise<CachedToken> {
    const deadline = this.now() + this.options.lockTtlMs * 2;
    const lockKey = `${this.redisKey(cacheKey)}:lock`;
    while (this.now() < deadline) {
      const shared = await this.readShared(cacheKey);
      if (shared) return this.remember(cacheKey, shared);
      const owner = randomUUID();
      if (await this.redis.set(lockKey, owner, 'PX', this.options.lockTtlMs, 'NX')) {
        try {
          const raced = await this.readShared(cacheKey);
          if (raced) return this.remember(cacheKey, raced);
          return this.remember(cacheKey, await this.issueAndShare(cacheKey, issue));
        } finally {
          await this.redis.eval(RELEASE_LOCK, 1, lockKey, owner);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('Timed out waiting for another replica to obtain the token');
  }

  private async issueAndShare(cacheKey: string, issue: () => Promise<IssuedToken>): Promise<CachedToken> {
    const issuedAt = this.now();
    const token = await issue();
    const lifetimeMs = Math.min(token.expiresInSeconds, this.options.maxTtlSeconds) * 1000;
    // A margin larger than half the lifetime would make a short-lived token useless at once.
    const marginMs = Math.min(this.options.refreshMarginSeconds * 1000, lifetimeMs / 2);
    const usableUntil = issuedAt + lifetimeMs - marginMs;
    const cached = { accessToken: token.accessToken, usableUntil };
    const ttlMs = usableUntil - this.now();
    if (ttlMs > 0) {
      await this.redis.set(
        this.redisKey(cacheKey),
        this.sealer.seal(JSON.stringify(cached), cacheKey),
        'PX',
        ttlMs,
      );
    }
    return cached;
  }

  private async readShared(cacheKey: string): Promise<CachedToken | null> {
    const sealed = await this.redis.get(this.redisKey(cacheKey));
    const plain = sealed && this.sealer.open(sealed, cacheKey);
    if (!plain) return null;
    const cached = JSON.parse(plain) as CachedToken;
    return this.usable(cached) ? cached : null;
  }

  private remember(cacheKey: string, token: CachedToken): CachedToken {
    if (this.usable(token)) this.memory.set(cacheKey, token);
    return token;
  }

  private usable(token: CachedToken): boolean {
    return token.usableUntil > this.now();
  }

  private redisKey(cacheKey: string): string {
    return `${this.options.keyPrefix}mp-token:${cacheKey}`;
  }
}
