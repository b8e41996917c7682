import type { RefreshCause } from '@apier/contracts';
import type { AppLogger } from '@apier/platform';
import { DelayedError, type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Environment } from '../snapshots/snapshot';
import { datasetSpec } from '../upstream/datasets';
import type { CompanyRefresher } from './company-refresher';
import { classifyRefreshFailure } from './refresh-failure';

export const REFRESH_QUEUE = 'apier-registry-refresh';
const REFRESH_JOB = 'refresh';

export interface RefreshJobData {
  orgnr: string;
  environment: Environment;
  dataset: string;
  cause: Extract<RefreshCause, 'background' | 'scheduled'>;
}

export interface RefreshQueueOptions {
  redisUrl: string;
  /** REDIS_KEY_PREFIX: the queue's keys live under `<prefix>bull:`, so parallel runs never meet. */
  keyPrefix: string;
  concurrency: number;
  attempts: number;
  backoffMs: number;
}

/** One refresh per company, environment and dataset waits in the queue at a time. */
export const refreshDedupeId = (data: Pick<RefreshJobData, 'orgnr' | 'environment' | 'dataset'>) =>
  `${data.environment}-${data.orgnr}-${data.dataset}`;

/**
 * Background refreshes on BullMQ, shared by every replica. Asking again for a refresh that is
 * already waiting is a no-op. Failures retry with exponential backoff and jitter; a 429 moves the
 * job to after the Retry-After without spending an attempt; a 4xx fails it for good.
 */
export class RefreshQueue {
  private queue: Queue<RefreshJobData> | undefined;
  private worker: Worker<RefreshJobData> | undefined;
  private closed = false;

  constructor(
    private readonly options: RefreshQueueOptions,
    private readonly refresher: Pick<CompanyRefresher, 'refresh'>,
    private readonly logger: AppLogger,
  ) {}

  get prefix(): string {
    return `${this.options.keyPrefix}bull`;
  }

  private get connection() {
    return { url: this.options.redisUrl, maxRetriesPerRequest: null };
  }

  /** The producer side; usable before `start`, so reads can ask for refreshes at once. */
  private producer(): Queue<RefreshJobData> {
    if (!this.queue) {
      this.queue = new Queue<RefreshJobData>(REFRESH_QUEUE, {
        connection: this.connection,
        prefix: this.prefix,
      });
      this.queue.on('error', (error) => this.logger.warn({ err: error }, 'refresh queue error'));
    }
    return this.queue;
  }

  async enqueue(data: RefreshJobData): Promise<void> {
    await this.producer().add(REFRESH_JOB, data, {
      deduplication: { id: refreshDedupeId(data) },
      attempts: this.options.attempts,
      backoff: { type: 'exponential', delay: this.options.backoffMs, jitter: 0.5 },
      removeOnComplete: 1_000,
      removeOnFail: 1_000,
    });
  }

  start(): void {
    if (this.closed || this.worker) return;
    this.producer();
    this.worker = new Worker<RefreshJobData>(REFRESH_QUEUE, (job, token) => this.process(job, token), {
      connection: this.connection,
      prefix: this.prefix,
      concurrency: this.options.concurrency,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.warn(
        { err: error, orgnr: job?.data.orgnr, dataset: job?.data.dataset, attempts: job?.attemptsMade },
        'background refresh failed',
      ),
    );
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'refresh worker error'));
  }

  private async process(job: Job<RefreshJobData>, token: string | undefined): Promise<void> {
    const { orgnr, environment, dataset, cause } = job.data;
    const spec = datasetSpec(dataset);
    if (!spec) throw new UnrecoverableError(`unknown dataset ${dataset}`);
    try {
      await this.refresher.refresh({ orgnr, environment, datasets: [spec], context: { cause, feed: null } });
    } catch (error) {
      const failure = classifyRefreshFailure(error);
      if (failure.kind === 'rate-limited' && token) {
        this.logger.info(
          { orgnr, dataset, retry_after_ms: failure.retryAfterMs },
          'refresh put off: rate-limited',
        );
        await job.moveToDelayed(Date.now() + failure.retryAfterMs, token);
        throw new DelayedError();
      }
      if (failure.kind === 'permanent') throw new UnrecoverableError((error as Error).message);
      throw error;
    }
  }

  /** Graceful: running refreshes finish, then both connections close. */
  async close(): Promise<void> {
    this.closed = true;
    await this.worker?.close();
    await this.queue?.close();
  }
}
