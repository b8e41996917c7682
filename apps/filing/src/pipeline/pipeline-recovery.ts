import type { AppLogger } from '@apier/platform';
import { Queue, Worker } from 'bullmq';
import type { ActionEventPublisher } from './action-event-publisher';
import { bullPrefix, type FilingPipeline } from './filing-pipeline';
import type { PipelineActionRepository } from './pipeline-action.repository';

export const RECOVERY_QUEUE = 'apier-filing-recovery';
const SCHEDULER_ID = 'filing-recovery';
const BATCH = 200;

export interface PipelineRecoveryOptions {
  redisUrl: string;
  keyPrefix: string;
  everyMs: number;
}

/**
 * The safety net under `enqueue`: a repeatable sweep (one BullMQ scheduler shared by replicas)
 * finds actions still `queued` or `running` that have no live job — the process died between
 * committing the action and enqueueing it, Redis lost the job, or BullMQ gave the job up after too
 * many stalls — and enqueues them again. It also publishes any `action.*` event left in the outbox.
 */
export class PipelineRecovery {
  private queue: Queue | undefined;
  private worker: Worker | undefined;
  private closed = false;

  constructor(
    private readonly options: PipelineRecoveryOptions,
    private readonly repository: Pick<PipelineActionRepository, 'unfinished' | 'find'>,
    private readonly pipeline: Pick<FilingPipeline, 'jobState' | 'requeue'>,
    private readonly events: Pick<ActionEventPublisher, 'flushQuietly'>,
    private readonly logger: AppLogger,
  ) {}

  /** One pass; returns the ids of the actions it enqueued again. */
  async sweep(): Promise<string[]> {
    // An action touched within the interval may be between its commit and its enqueue right now.
    const candidates = await this.repository.unfinished(this.options.everyMs, BATCH);
    const requeued: string[] = [];
    for (const { id } of candidates) {
      const state = await this.pipeline.jobState(id);
      if (state !== 'missing' && state !== 'completed' && state !== 'failed') continue;
      // A job that ended after the candidates were read has already settled its action.
      if (state !== 'missing' && !(await this.stillUnfinished(id))) continue;
      await this.pipeline.requeue(id);
      requeued.push(id);
    }
    if (requeued.length > 0)
      this.logger.warn({ action_ids: requeued }, 'unfinished actions without a job enqueued again');
    await this.events.flushQuietly();
    return requeued;
  }

  private async stillUnfinished(id: string): Promise<boolean> {
    const action = await this.repository.find(id);
    return action !== null && (action.status === 'queued' || action.status === 'running');
  }

  async start(): Promise<void> {
    const connection = { url: this.options.redisUrl, maxRetriesPerRequest: null };
    const prefix = bullPrefix(this.options.keyPrefix);
    this.queue = new Queue(RECOVERY_QUEUE, { connection, prefix });
    this.queue.on('error', (error) => this.logger.warn({ err: error }, 'filing recovery queue error'));
    await this.queue.upsertJobScheduler(
      SCHEDULER_ID,
      { every: this.options.everyMs },
      { name: 'sweep', data: {}, opts: { removeOnComplete: 20, removeOnFail: 20 } },
    );
    if (this.closed) return;
    this.worker = new Worker(RECOVERY_QUEUE, () => this.sweep(), { connection, prefix, concurrency: 1 });
    this.worker.on('failed', (_job, error) =>
      this.logger.warn({ err: error }, 'filing recovery sweep failed; the next tick retries'),
    );
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'filing recovery worker error'));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.worker?.close();
    await this.queue?.close();
  }
}
