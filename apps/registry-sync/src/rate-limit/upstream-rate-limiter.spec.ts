import { createLogger } from '@apier/platform';
import { runToken, testInfrastructure } from '@apier/testing';
import { Redis } from 'ioredis';
import { RateLimitedError, UpstreamRateLimiter } from './upstream-rate-limiter';

describe('UpstreamRateLimiter (real Redis, shared by replicas)', () => {
  const keyPrefix = `${runToken()}:`;
  const redis = new Redis(testInfrastructure().redisUrl);
  const logger = createLogger('spec', 'silent');
  const replica = () =>
    new UpstreamRateLimiter(
      new Redis(testInfrastructure().redisUrl),
      keyPrefix,
      { brreg: { perSecond: 5 } },
      logger,
    );
  const replicas = [replica(), replica()];

  afterAll(async () => {
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('lets one second’s worth through at once across replicas, then makes callers wait for tokens', async () => {
    const granted: boolean[] = [];
    for (let i = 0; i < 10; i++) {
      granted.push(
        await replicas[i % 2]!.acquire('production:brreg', 0).then(
          () => true,
          (e: unknown) => (e instanceof RateLimitedError ? false : Promise.reject(e)),
        ),
      );
    }
    expect(granted.filter(Boolean)).toHaveLength(5);
    const started = Date.now();
    await replicas[0]!.acquire('production:brreg', 1_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('keeps buckets apart per environment and source', async () => {
    await expect(replicas[0]!.acquire('sandbox:brreg', 0)).resolves.toBeUndefined();
  });

  it('closes a source for every replica until a Retry-After has passed, and never shortens it', async () => {
    await replicas[0]!.blockFor('production:other:brreg', 1_500);
    await replicas[1]!.blockFor('production:other:brreg', 200);
    const refused = await replicas[1]!.acquire('production:other:brreg', 100).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).waitMs).toBeGreaterThan(1_000);
    const started = Date.now();
    await replicas[1]!.acquire('production:other:brreg', 3_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it('lets calls through when Redis cannot be reached, rather than failing reads', async () => {
    const down = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    const limiter = new UpstreamRateLimiter(down, keyPrefix, { brreg: { perSecond: 1 } }, logger);
    for (let i = 0; i < 3; i++) await expect(limiter.acquire('production:brreg', 0)).resolves.toBeUndefined();
    down.disconnect();
  });

  afterAll(() => {
    for (const r of replicas) (r as unknown as { redis: Redis }).redis.disconnect();
  });
});
