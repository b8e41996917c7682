import type { AppLogger } from '@apier/platform';
import { type Job, Queue, Worker } from 'bullmq';

export const SCHEDULE_QUEUE = 'apier-registry-schedule';
const FEED_POLL = 'feed-poll';
const SWEEP = 'snapshot-sweep';

export interface RegistryScheduleOptions {
  redisUrl: string;
  /** REDIS_KEY_PREFIX: the queue's keys live under `<prefix>bull:`, so parallel runs never meet. */
  keyPrefix: string;
  feedPollEveryMs: number;
  sweepEveryMs: number;
}

export interface ScheduledTasks {
  pollFeeds(): Promise<unknown>;
  sweep(): Promise<unknown>;
}

/**
 * registry-sync's repeatable jobs on BullMQ: the update-feed poll and the stale-snapshot sweep.
 * One scheduler each, shared by every replica (upserted at start, so a changed interval takes
 * effect), and one job at a time across all replicas, so two polls never read the same page at once.
 * A failed run is logged and simply runs again at the next tick.
 */
export class RegistryScheduleQueue {
  private queue: Queue | undefined;
  private worker: Worker | undefined;
  private closed = false;

  constructor(
    private readonly options: RegistryScheduleOptions,
    private readonly tasks: ScheduledTasks,
    private readonly logger: AppLogger,
  ) {}

  get prefix(): string {
    return `${this.options.keyPrefix}bull`;
  }

  async start(): Promise<void> {
    const connection = { url: this.options.redisUrl, maxRetriesPerRequest: null };
    this.queue = new Queue(SCHEDULE_QUEUE, { connection, prefix: this.prefix });
    this.queue.on('error', (error) => this.logger.warn({ err: error }, 'registry schedule queue error'));
    await this.queue.setGlobalConcurrency(1);
    const opts = { removeOnComplete: 50, removeOnFail: 50 };
    await this.queue.upsertJobScheduler(
      FEED_POLL,
      { every: this.options.feedPollEveryMs },
      { name: FEED_POLL, data: {}, opts },
    );
    await this.queue.upsertJobScheduler(
      SWEEP,
      { every: this.options.sweepEveryMs },
      { name: SWEEP, data: {}, opts },
    );
    if (this.closed) return; // shut down while Redis was still answering the upserts
    this.worker = new Worker(SCHEDULE_QUEUE, (job) => this.run(job), {
      connection,
      prefix: this.prefix,
      concurrency: 1,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.warn(
        { err: error, job: job?.name },
        'scheduled registry job failed; the next tick retries',
      ),
    );
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'registry schedule worker error'));
    this.logger.info(
      {
        queue: SCHEDULE_QUEUE,
        feed_poll_ms: this.options.feedPollEveryMs,
        sweep_ms: this.options.sweepEveryMs,
      },
      'registry freshness jobs scheduled',
    );
  }

  private run(job: Job): Promise<unknown> {
    return job.name === SWEEP ? this.tasks.sweep() : this.tasks.pollFeeds();
  }

  /** Graceful: the worker finishes the job it is running, then both connections close. */
  async close(): Promise<void> {
    this.closed = true;
    await this.worker?.close();
    await this.queue?.close();
  }
}
