import type { AppLogger } from '@apier/platform';
import { type JobsOptions, Queue } from 'bullmq';

export const FILING_QUEUE = 'apier-filing';
export const SUBMIT_JOB = 'submit';
/** The custom backoff strategy's name (the worker's `settings.backoffStrategy` computes it). */
export const BACKOFF_TYPE = 'filing';

export interface SubmitJobData {
  actionId: string;
}

export interface FilingPipelineOptions {
  redisUrl: string;
  /** REDIS_KEY_PREFIX: the queue's keys live under `<prefix>bull:`, so parallel runs never meet. */
  keyPrefix: string;
  maxAttempts: number;
}

export type JobState = 'missing' | 'waiting' | 'active' | 'delayed' | 'completed' | 'failed';

/**
 * The BullMQ queue of actions to submit. Public interface: `enqueue(actionId)` — the job id is the
 * action id, so enqueueing an action that already has a job (in any state BullMQ still keeps) is a
 * no-op; the worker is idempotent on top of that (a finished action is never run again).
 */
export class FilingPipeline {
  private readonly queue: Queue<SubmitJobData>;
  private readonly jobOptions: JobsOptions;

  constructor(options: FilingPipelineOptions, logger: AppLogger) {
    this.queue = new Queue<SubmitJobData>(FILING_QUEUE, {
      connection: { url: options.redisUrl },
      prefix: bullPrefix(options.keyPrefix),
    });
    this.queue.on('error', (error) => logger.warn({ err: error }, 'filing queue error'));
    this.jobOptions = {
      attempts: options.maxAttempts,
      backoff: { type: BACKOFF_TYPE },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    };
  }

  async enqueue(actionId: string): Promise<void> {
    await this.queue.add(SUBMIT_JOB, { actionId }, { ...this.jobOptions, jobId: actionId });
  }

  async jobState(actionId: string): Promise<JobState> {
    const job = await this.queue.getJob(actionId);
    if (!job) return 'missing';
    const state = await job.getState();
    if (state === 'waiting-children' || state === 'prioritized' || state === 'waiting') return 'waiting';
    if (state === 'unknown') return 'missing';
    return state;
  }

  /** A fresh job for an action whose job ended (or vanished) while the action is still unfinished. */
  async requeue(actionId: string): Promise<void> {
    const job = await this.queue.getJob(actionId);
    if (job && ['completed', 'failed'].includes(await job.getState())) await job.remove();
    await this.enqueue(actionId);
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

export function bullPrefix(keyPrefix: string): string {
  return `${keyPrefix}bull`;
}
