import type { AppLogger } from '@apier/platform';
import { Queue, Worker } from 'bullmq';
import type { SweepResult } from './delegation-reconciler';

export const DELEGATION_QUEUE = 'apier-delegations';
export const SWEEP_SCHEDULER_ID = 'delegation-sweep';
const SWEEP_JOB = 'sweep';

export interface DelegationSweepOptions {
  redisUrl: string;
  /** REDIS_KEY_PREFIX: the queue's keys live under `<prefix>bull:`, so parallel runs never meet. */
  keyPrefix: string;
  everyMs: number;
}

/**
 * The reconciler's repeatable job on BullMQ: one scheduler shared by every replica (upserted at
 * start, so a changed interval takes effect), one sweep at a time per worker. A failed sweep is
 * logged and simply runs again at the next tick. Closing waits for a running sweep to finish.
 */
export class DelegationSweepQueue {
  private queue: Queue | undefined;
  private worker: Worker | undefined;
  private closed = false;

  constructor(
    private readonly options: DelegationSweepOptions,
    private readonly sweep: () => Promise<SweepResult>,
    private readonly logger: AppLogger,
  ) {}

  get prefix(): string {
    return `${this.options.keyPrefix}bull`;
  }

  async start(): Promise<void> {
    const connection = { url: this.options.redisUrl, maxRetriesPerRequest: null };
    this.queue = new Queue(DELEGATION_QUEUE, { connection, prefix: this.prefix });
    this.queue.on('error', (error) => this.logger.warn({ err: error }, 'delegation queue error'));
    await this.queue.upsertJobScheduler(
      SWEEP_SCHEDULER_ID,
      { every: this.options.everyMs },
      {
        name: SWEEP_JOB,
        data: {},
        opts: { removeOnComplete: 50, removeOnFail: 50 },
      },
    );
    if (this.closed) return; // shut down while Redis was still answering the upsert
    this.worker = new Worker(DELEGATION_QUEUE, () => this.sweep(), {
      connection,
      prefix: this.prefix,
      concurrency: 1,
    });
    this.worker.on('failed', (_job, error) =>
      this.logger.warn({ err: error }, 'delegation sweep failed; the next tick retries'),
    );
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'delegation worker error'));
    this.logger.info(
      { queue: DELEGATION_QUEUE, every_ms: this.options.everyMs },
      'delegation sweep scheduled',
    );
  }

  /** Graceful: the worker finishes the sweep it is running, then both connections close. */
  async close(): Promise<void> {
    this.closed = true;
    await this.worker?.close();
    await this.queue?.close();
  }
}
