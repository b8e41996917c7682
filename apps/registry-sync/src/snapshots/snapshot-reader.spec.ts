import { ApierError } from '@apier/contracts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ENHET } from '../upstream/datasets';
import type { Snapshot } from './snapshot';
import { SnapshotReader } from './snapshot-reader';

/** A real HTTP upstream whose answer each test decides. */
function upstream() {
  let answer: { status: number; body: string; delayMs?: number } = { status: 200, body: '{}' };
  let calls = 0;
  const server: Server = createServer((_req, res) => {
    calls += 1;
    setTimeout(
      () => res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body),
      answer.delayMs ?? 0,
    );
  });
  return {
    set: (a: typeof answer) => (answer = a),
    calls: () => calls,
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('SnapshotReader', () => {
  const fake = upstream();
  let base: string;
  let now = new Date('2026-11-25T12:00:00Z');
  const reader = () =>
    new SnapshotReader({
      bases: { brreg: base, skatteetaten: base, nav: base },
      freshnessMs: 60_000,
      upstreamTimeoutMs: 300,
      now: () => now,
    });
  const stored = (fetchedAt: Date): Map<string, Snapshot> =>
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
          fetchedAt,
        },
      ],
    ]);

  beforeAll(async () => {
    base = await fake.start();
  });
  afterAll(() => fake.stop());

  it('fetches when nothing is stored and records provenance', async () => {
    fake.set({ status: 200, body: '{"navn":"NEW"}' });
    const read = await reader().read(ENHET, '999999999', new Map());
    expect(read).toMatchObject({
      freshness: 'fresh',
      fetched: true,
      snapshot: {
        httpStatus: 200,
        payload: { navn: 'NEW' },
        sourceUrl: `${base}/enheter/999999999`,
        fetchedAt: now,
      },
    });
    expect(read.snapshot.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves a fresh stored snapshot without calling upstream', async () => {
    const before = fake.calls();
    const read = await reader().read(ENHET, '999999999', stored(new Date(now.getTime() - 30_000)));
    expect(read).toMatchObject({
      freshness: 'fresh',
      fetched: false,
      snapshot: { payload: { navn: 'OLD' } },
    });
    expect(fake.calls()).toBe(before);
  });

  it('refreshes a stored snapshot past its freshness bound', async () => {
    fake.set({ status: 200, body: '{"navn":"REFRESHED"}' });
    const read = await reader().read(ENHET, '999999999', stored(new Date(now.getTime() - 120_000)));
    expect(read).toMatchObject({
      freshness: 'fresh',
      fetched: true,
      snapshot: { payload: { navn: 'REFRESHED' } },
    });
  });

  it('falls back to the old snapshot, marked stale, when upstream fails', async () => {
    fake.set({ status: 503, body: 'down' });
    const read = await reader().read(ENHET, '999999999', stored(new Date(now.getTime() - 120_000)));
    expect(read).toMatchObject({
      freshness: 'stale',
      fetched: false,
      snapshot: { payload: { navn: 'OLD' } },
    });
  });

  it('times out a slow upstream and, with nothing stored, raises a retryable upstream error', async () => {
    fake.set({ status: 200, body: '{}', delayMs: 1_000 });
    const started = Date.now();
    const error = await reader()
      .read(ENHET, '999999999', new Map())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApierError);
    expect(error).toMatchObject({ code: 'upstream_unavailable', retryable: true });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('keeps meaningful statuses (404, 410) and refuses others as unusable', async () => {
    fake.set({ status: 404, body: '' });
    expect((await reader().read(ENHET, '999999999', new Map())).snapshot).toMatchObject({
      httpStatus: 404,
      payload: null,
    });
    fake.set({ status: 403, body: '{}' });
    await expect(reader().read(ENHET, '999999999', new Map())).rejects.toMatchObject({
      code: 'upstream_bad_response',
    });
    fake.set({ status: 200, body: '<html>' });
    await expect(reader().read(ENHET, '999999999', new Map())).rejects.toMatchObject({
      code: 'upstream_bad_response',
    });
  });

  it('treats 429 as a temporary outage', async () => {
    now = new Date(now.getTime() + 1);
    fake.set({ status: 429, body: '{}' });
    await expect(reader().read(ENHET, '999999999', new Map())).rejects.toMatchObject({
      code: 'upstream_unavailable',
      details: { status: 429 },
    });
  });
});
