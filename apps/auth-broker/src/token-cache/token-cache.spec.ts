import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { type IssuedToken, TokenCache, type TokenCacheOptions } from './token-cache';
import { TokenSealer } from './token-sealer';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe('token cache (real Redis)', () => {
  const prefix = `t${randomBytes(4).toString('hex')}:`;
  const redis = new Redis(REDIS_URL);
  const sealer = new TokenSealer(randomBytes(32));
  let clock = 1_800_000_000_000;
  const options: TokenCacheOptions = {
    keyPrefix: prefix,
    maxTtlSeconds: 60,
    refreshMarginSeconds: 10,
    lockTtlMs: 2_000,
    now: () => clock,
  };
  const issuer = (token = 'eyJ.token.sig', expiresInSeconds = 120, delayMs = 30) => {
    let calls = 0;
    return jest.fn(async (): Promise<IssuedToken> => {
      calls += 1;
      const call = calls;
      await new Promise((r) => setTimeout(r, delayMs));
      return { accessToken: `${token}-${call}`, expiresInSeconds };
    });
  };

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('answers 1,000 concurrent requests from two replicas with exactly one issue', async () => {
    const replicaA = new TokenCache(redis, sealer, options);
    const secondConnection = new Redis(REDIS_URL);
    const replicaB = new TokenCache(secondConnection, sealer, options);
    const issue = issuer();
    const results = await Promise.all(
      Array.from({ length: 1_000 }, (_, i) => (i % 2 ? replicaA : replicaB).get('k-single', issue)),
    );
    expect(issue).toHaveBeenCalledTimes(1);
    expect(new Set(results.map((r) => r.accessToken))).toEqual(new Set(['eyJ.token.sig-1']));
    secondConnection.disconnect();
  });

  it('caps the lifetime and refreshes before expiry', async () => {
    const cache = new TokenCache(redis, sealer, options);
    const issue = issuer('t', 600);
    const first = await cache.get('k-expiry', issue);
    expect(first.usableUntil).toBe(clock + 50_000); // min(600, 60) s − 10 s margin
    clock += 49_000;
    expect((await cache.get('k-expiry', issue)).accessToken).toBe('t-1');
    clock += 2_000;
    expect((await cache.get('k-expiry', issue)).accessToken).toBe('t-2');
    expect(issue).toHaveBeenCalledTimes(2);
  });

  it('keeps tokens sealed at rest, bound to their cache key', async () => {
    const cache = new TokenCache(redis, sealer, options);
    await cache.get('k-sealed', issuer('eyJ.secret.token'));
    const raw = await redis.get(`${prefix}mp-token:k-sealed`);
    expect(raw).toBeTruthy();
    expect(raw).not.toContain('eyJ');
    expect(sealer.open(raw!, 'another-key')).toBeNull();
    await redis.set(`${prefix}mp-token:k-moved`, raw!, 'PX', 60_000);
    const issue = issuer('fresh');
    expect((await new TokenCache(redis, sealer, options).get('k-moved', issue)).accessToken).toBe('fresh-1');
  });

  it('ignores a value sealed with another key and issues anew', async () => {
    await new TokenCache(redis, new TokenSealer(randomBytes(32)), options).get('k-rotated', issuer('old'));
    const issue = issuer('new');
    expect((await new TokenCache(redis, sealer, options).get('k-rotated', issue)).accessToken).toBe('new-1');
  });

  it('forgets a token everywhere on invalidate', async () => {
    const cache = new TokenCache(redis, sealer, options);
    const issue = issuer('revocable');
    await cache.get('k-revoked', issue);
    await cache.invalidate('k-revoked');
    expect(await redis.exists(`${prefix}mp-token:k-revoked`)).toBe(0);
    expect((await cache.get('k-revoked', issue)).accessToken).toBe('revocable-2');
  });

  it('passes an issue failure to every waiter and lets the next call try again', async () => {
    const cache = new TokenCache(redis, sealer, options);
    const failing = jest.fn(async () => {
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('maskinporten down');
    });
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => cache.get('k-fail', failing)));
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    expect(failing).toHaveBeenCalledTimes(1);
    expect(await redis.exists(`${prefix}mp-token:k-fail:lock`)).toBe(0);
    expect((await cache.get('k-fail', issuer('recovered'))).accessToken).toBe('recovered-1');
  });
});
