import type { AppLogger } from '@apier/platform';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { ActionEventPublisher } from './action-event-publisher';
import type { FilingPipeline } from './filing-pipeline';
import type { PipelineRecovery } from './pipeline-recovery';
import type { PipelineWorker } from './pipeline.worker';

/**
 * Starts the worker and the recovery sweep with the process and stops them before the module
 * closes Postgres, NATS and Redis (`beforeApplicationShutdown` runs ahead of every
 * `onApplicationShutdown`). The sweep is scheduled in the background: Redis being slow at start
 * must not keep the service from answering.
 */
export class PipelineLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly worker: PipelineWorker,
    private readonly recovery: PipelineRecovery,
    private readonly pipeline: FilingPipeline,
    private readonly events: ActionEventPublisher,
    private readonly logger: AppLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.worker.start();
    void this.recovery
      .start()
      .then(() => this.recovery.sweep())
      .catch((error: unknown) => this.logger.error({ err: error }, 'filing recovery sweep not scheduled'));
    void this.events.flushQuietly();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close().catch(() => undefined);
    await this.recovery.close().catch(() => undefined);
    await this.pipeline.close().catch(() => undefined);
  }
}
