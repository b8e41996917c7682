import { createLogger } from '@apier/platform';
import { runToken, testInfrastructure } from '@apier/testing';
import { Redis } from 'ioredis';
import type { SweepResult } from './delegation-reconciler';
import { DELEGATION_QUEUE, DelegationSweepQueue } from './delegation-sweep.queue';

const result: SweepResult = { pending: 0, active: 0, transitions: 0, failures: 0 };

describe('the reconciler’s repeatable job (real Redis)', () => {
  const keyPrefix = `${runToken()}:`;
  const redis = new Redis(testInfrastructure().redisUrl);

  afterAll(async () => {
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('runs the sweep on its schedule, under the run’s key prefix, and closes after the sweep in progress', async () => {
    let runs = 0;
    let running = false;
    let finished = 0;
    const sweep = async () => {
      runs++;
      running = true;
      await new Promise((r) => setTimeout(r, 300));
      running = false;
      finished++;
      return result;
    };
    const queue = new DelegationSweepQueue(
      { redisUrl: testInfrastructure().redisUrl, keyPrefix, everyMs: 400 },
      sweep,
      createLogger('spec', 'silent'),
    );
    await queue.start();
    for (let i = 0; i < 100 && runs < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(await redis.keys(`${keyPrefix}bull:${DELEGATION_QUEUE}:*`)).not.toHaveLength(0);

    while (!running) await new Promise((r) => setTimeout(r, 10));
    await queue.close();
    expect(running).toBe(false);
    expect(finished).toBe(runs);
  });
});
