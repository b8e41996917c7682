import { ApierError } from '@apier/contracts';
import { createLogger } from '@apier/platform';
import { runToken, testInfrastructure } from '@apier/testing';
import { Redis } from 'ioredis';
import { UpstreamRateLimiter } from '../rate-limit/upstream-rate-limiter';
import { FakeRegistry } from '../testing/fake-registry';
import { ENHET } from '../upstream/datasets';
import { UpstreamFetcher } from '../upstream/upstream-fetcher';
import type { Snapshot } from './snapshot';
import { SnapshotReader } from './snapshot-reader';

const ENHET_PATH = '/enheter/999999999';

describe('SnapshotReader: what a read does with what is stored', () => {
  const registry = new FakeRegistry();
  const redis = new Redis(testInfrastructure().redisUrl);
  const keyPrefix = `${runToken()}:`;
  const limiter = new UpstreamRateLimiter(
    redis,
    keyPrefix,
    { brreg: { perSecond: 1_000 } },
    createLogger('spec', 'silent'),
  );
  const now = new Date('2026-11-25T12:00:00Z');
  // A fresh bucket per test, so a 429 one test provokes never closes the source for the next.
  let environment = 0;
  const reader = () =>
    new SnapshotReader({
      bases: { brreg: registry.base, skatteetaten: registry.base, nav: registry.base },
      policy: { freshMs: 60_000, maxAgeMs: 600_000 },
      fetcher: new UpstreamFetcher(limiter, `env${environment}` as 'production', 300),
      now: () => now,
    });
  const stored = (ageMs: number): Map<string, Snapshot> =>
    new Map([
      [
        'brreg/enhet',
        {
          source: 'brreg',
          dataset: 'enhet',
          sourceUrl: 'old',
          httpStatus: 200,
          contentHash: 'h',
          payload: { navn: 'OLD' },
          fetchedAt: new Date(now.getTime() - ageMs),
        },
      ],
    ]);
  const calls = () => registry.callsTo(ENHET_PATH).length;

  beforeAll(() => registry.start());
  beforeEach(() => {
    environment++;
  });
  afterAll(async () => {
    await registry.stop();
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('fetches when nothing is stored and records provenance', async () => {
    registry.answer(ENHET_PATH, { status: 200, body: { navn: 'NEW' } });
    const read = await reader().read(ENHET, '999999999', new Map());
    expect(read).toMatchObject({
      freshness: 'fresh',
      fetched: true,
      revalidate: false,
      snapshot: {
        httpStatus: 200,
        payload: { navn: 'NEW' },
        sourceUrl: `${registry.base}${ENHET_PATH}`,
        fetchedAt: now,
      },
    });
    expect(read.snapshot.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves a fresh snapshot without calling upstream', async () => {
    const before = calls();
    expect(await reader().read(ENHET, '999999999', stored(30_000))).toMatchObject({
      freshness: 'fresh',
      fetched: false,
      revalidate: false,
      snapshot: { payload: { navn: 'OLD' } },
    });
    expect(calls()).toBe(before);
  });

  it('serves a snapshot past its freshness bound at once, marked stale, and asks for a background refresh', async () => {
    registry.answer(ENHET_PATH, { status: 200, body: { navn: 'SLOW' }, delayMs: 1_000 });
    const before = calls();
    const started = Date.now();
    expect(await reader().read(ENHET, '999999999', stored(120_000))).toMatchObject({
      freshness: 'stale',
      fetched: false,
      revalidate: true,
      snapshot: { payload: { navn: 'OLD' } },
    });
    expect(Date.now() - started).toBeLessThan(200);
    expect(calls()).toBe(before);
  });

  it('fetches and waits for a snapshot past the hard maximum age', async () => {
    registry.answer(ENHET_PATH, { status: 200, body: { navn: 'REFRESHED' } });
    expect(await reader().read(ENHET, '999999999', stored(700_000))).toMatchObject({
      freshness: 'fresh',
      fetched: true,
      revalidate: false,
      snapshot: { payload: { navn: 'REFRESHED' } },
    });
  });

  it('falls back to a too-old snapshot, marked stale and to be refreshed, when upstream fails', async () => {
    registry.answer(ENHET_PATH, { status: 503, body: 'down' });
    expect(await reader().read(ENHET, '999999999', stored(700_000))).toMatchObject({
      freshness: 'stale',
      fetched: false,
      revalidate: true,
      snapshot: { payload: { navn: 'OLD' } },
    });
  });

  it('times out a slow upstream and, with nothing stored, raises a retryable upstream error', async () => {
    registry.answer(ENHET_PATH, { status: 200, body: {}, delayMs: 1_000 });
    const started = Date.now();
    const error = await reader()
      .read(ENHET, '999999999', new Map())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApierError);
    expect(error).toMatchObject({ code: 'upstream_unavailable', retryable: true });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('keeps meaningful statuses (404, 410) and refuses others as unusable', async () => {
    registry.answer(ENHET_PATH, { status: 404 });
    expect((await reader().read(ENHET, '999999999', new Map())).snapshot).toMatchObject({
      httpStatus: 404,
      payload: null,
    });
    registry.answer(ENHET_PATH, { status: 403, body: {} });
    await expect(reader().read(ENHET, '999999999', new Map())).rejects.toMatchObject({
      code: 'upstream_bad_response',
    });
    registry.answer(ENHET_PATH, { status: 200, raw: '<html>' });
    await expect(reader().read(ENHET, '999999999', new Map())).rejects.toMatchObject({
      code: 'upstream_bad_response',
    });
  });

  it('takes a 429 as a temporary outage and asks nobody again before its Retry-After has passed', async () => {
    registry.answer(ENHET_PATH, { status: 429, body: {}, headers: { 'retry-after': '3' } });
    const sameEnvironment = reader();
    await expect(sameEnvironment.read(ENHET, '999999999', new Map())).rejects.toMatchObject({
      code: 'upstream_unavailable',
      details: { status: 429, retry_after_seconds: 3 },
    });
    const before = calls();
    await expect(sameEnvironment.read(ENHET, '999999999', new Map())).rejects.toMatchObject({
      code: 'upstream_unavailable',
      details: { rate_limited: true, retry_after_seconds: 3 },
    });
    expect(calls()).toBe(before);
    // A stored snapshot still answers, marked stale.
    expect(await sameEnvironment.read(ENHET, '999999999', stored(700_000))).toMatchObject({
      freshness: 'stale',
    });
    expect(calls()).toBe(before);
  });
});
