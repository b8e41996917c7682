import type { AppLogger } from '@apier/platform';
import { type Job, Worker } from 'bullmq';
import type { ActionSubmission } from './action-submission';
import { bullPrefix, FILING_QUEUE, type SubmitJobData } from './filing-pipeline';
import { RetryLater } from './retry-later';
import { backoffDelayMs, classifyFailure } from './retry-policy';

const SHUTDOWN_GRACE_MS = 3_000;

export interface PipelineWorkerOptions {
  redisUrl: string;
  keyPrefix: string;
  concurrency: number;
  /**
   * How long a job's lock lives without renewal. A worker that is killed stops renewing, so its job
   * is found stalled and handed to another worker (or this one, restarted) within about twice this.
   */
  lockDurationMs: number;
  /** Stalled recoveries allowed per job; the action's own attempt count dead-letters it before that. */
  maxStalledCount: number;
  backoffBaseMs: number;
}

/**
 * The filing worker inside the filing process. The submission decides how long to wait before a
 * retry (it records it in the action's history); the custom backoff strategy hands that delay to
 * BullMQ, and computes one the same way for anything that failed outside the submission.
 */
export class PipelineWorker {
  private worker: Worker<SubmitJobData> | undefined;

  constructor(
    private readonly options: PipelineWorkerOptions,
    private readonly submission: ActionSubmission,
    private readonly logger: AppLogger,
  ) {}

  start(): void {
    this.worker = new Worker<SubmitJobData>(FILING_QUEUE, (job) => this.process(job), {
      connection: { url: this.options.redisUrl, maxRetriesPerRequest: null },
      prefix: bullPrefix(this.options.keyPrefix),
      concurrency: this.options.concurrency,
      lockDuration: this.options.lockDurationMs,
      stalledInterval: this.options.lockDurationMs,
      maxStalledCount: this.options.maxStalledCount,
      settings: {
        backoffStrategy: (attemptsMade, _type, error) =>
          error instanceof RetryLater
            ? error.delayMs
            : backoffDelayMs(attemptsMade, this.options.backoffBaseMs, classifyFailure(error).retryAfterMs),
      },
    });
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'filing worker error'));
    this.worker.on('stalled', (jobId) =>
      this.logger.warn({ action_id: jobId }, 'filing job stalled; resuming it'),
    );
    this.logger.info(
      { queue: FILING_QUEUE, concurrency: this.options.concurrency, lock_ms: this.options.lockDurationMs },
      'filing worker started',
    );
  }

  /**
   * Lets running submissions finish for a while; one still running after that (a long wait for
   * feedback) is left to stalled-job detection, which resumes it from its last stored step.
   */
  async close(graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
    if (!this.worker) return;
    let timer: NodeJS.Timeout | undefined;
    const graceful = await Promise.race([
      this.worker.close().then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
    ]);
    clearTimeout(timer);
    if (!graceful) await this.worker.close(true);
  }

  private process(job: Job<SubmitJobData>): Promise<void> {
    return this.submission.run(job.data.actionId, {
      attemptsMade: job.attemptsMade,
      maxAttempts: job.opts.attempts ?? 1,
    });
  }
}
