import { ApierError } from '@apier/contracts';
import { createLogger } from '@apier/platform';
import { runToken, testInfrastructure } from '@apier/testing';
import { Redis } from 'ioredis';
import type { RefreshRequest } from './company-refresher';
import { REFRESH_QUEUE, type RefreshJobData, RefreshQueue } from './refresh.queue';

const job = (orgnr: string): RefreshJobData => ({
  orgnr,
  environment: 'production',
  dataset: 'enhet',
  cause: 'background',
});
const waitFor = async (done: () => boolean, ms = 8_000) => {
  const started = Date.now();
  while (!done() && Date.now() - started < ms) await new Promise((r) => setTimeout(r, 25));
};

describe('background refreshes on BullMQ (real Redis)', () => {
  const keyPrefix = `${runToken()}:`;
  const redis = new Redis(testInfrastructure().redisUrl);
  const calls: { orgnr: string; at: number }[] = [];
  const behaviour = new Map<string, (attempt: number) => Promise<void>>();
  const queue = new RefreshQueue(
    { redisUrl: testInfrastructure().redisUrl, keyPrefix, concurrency: 4, attempts: 4, backoffMs: 100 },
    {
      refresh: async (request: RefreshRequest) => {
        calls.push({ orgnr: request.orgnr, at: Date.now() });
        await behaviour.get(request.orgnr)?.(calls.filter((c) => c.orgnr === request.orgnr).length);
        return null;
      },
    },
    createLogger('spec', 'silent'),
  );
  const callsOf = (orgnr: string) => calls.filter((c) => c.orgnr === orgnr);

  beforeAll(() => queue.start());
  afterAll(async () => {
    await queue.close();
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('refreshes once however often the same refresh is asked for while it waits, under the run’s key prefix', async () => {
    behaviour.set('315678420', () => new Promise((r) => setTimeout(r, 300)));
    await Promise.all([1, 2, 3, 4, 5].map(() => queue.enqueue(job('315678420'))));
    await waitFor(() => callsOf('315678420').length > 0);
    await new Promise((r) => setTimeout(r, 600));
    expect(callsOf('315678420')).toHaveLength(1);
    expect(await redis.keys(`${keyPrefix}bull:${REFRESH_QUEUE}:*`)).not.toHaveLength(0);
  });

  it('retries timeouts and 5xx with growing delays until the refresh succeeds', async () => {
    behaviour.set('315678439', async (attempt) => {
      if (attempt < 3) throw new ApierError('upstream_unavailable', 'down', { details: { status: 503 } });
    });
    await queue.enqueue(job('315678439'));
    await waitFor(() => callsOf('315678439').length >= 3);
    const [first, second, third] = callsOf('315678439').map((c) => c.at);
    expect(callsOf('315678439')).toHaveLength(3);
    // exponential: ~100 ms then ~200 ms, each with up to half taken off by jitter
    expect(second! - first!).toBeGreaterThanOrEqual(45);
    expect(third! - second!).toBeGreaterThanOrEqual(95);
  });

  it('does not retry an answer a second ask would not change (4xx)', async () => {
    behaviour.set('315678463', async () => {
      throw new ApierError('upstream_bad_response', 'forbidden', { details: { status: 403 } });
    });
    await queue.enqueue(job('315678463'));
    await waitFor(() => callsOf('315678463').length > 0);
    await new Promise((r) => setTimeout(r, 800));
    expect(callsOf('315678463')).toHaveLength(1);
  });

  it('waits out a 429’s Retry-After before asking again, without spending its attempts', async () => {
    behaviour.set('315678501', async (attempt) => {
      if (attempt === 1) {
        throw new ApierError('upstream_unavailable', 'slow down', {
          details: { status: 429, retry_after_seconds: 2 },
        });
      }
    });
    await queue.enqueue(job('315678501'));
    await waitFor(() => callsOf('315678501').length >= 2, 10_000);
    const [first, second] = callsOf('315678501').map((c) => c.at);
    expect(second! - first!).toBeGreaterThanOrEqual(1_900);
  });
});
