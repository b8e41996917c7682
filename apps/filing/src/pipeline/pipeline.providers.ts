import type { PrismaClient } from '@apier/db';
import type { AppLogger, RpcClient } from '@apier/platform';
import type { Provider } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import type { FilingConfig } from '../config';
import { LOGGER, NATS, PRISMA, RPC } from '../filing.tokens';
import { ReceiptIssuer } from '../receipts/receipt-issuer';
import { ActionEventPublisher } from './action-event-publisher';
import { ActionSubmission } from './action-submission';
import { AltinnAppClient } from './altinn-app.client';
import { CrashHook } from './crash-hook';
import { FilingPipeline } from './filing-pipeline';
import { MvaValidationClient } from './mva-validation.client';
import { PipelineActionRepository } from './pipeline-action.repository';
import { PipelineLifecycle } from './pipeline-lifecycle';
import { PipelineRecovery } from './pipeline-recovery';
import { PipelineWorker } from './pipeline.worker';
import { UpstreamHttp } from './upstream-http';

/**
 * The submission pipeline: `FilingPipeline` (enqueue), the worker that runs in this process, the
 * recovery sweep and the `action.*` outbox publisher. Needs the filing module's PRISMA, NATS, RPC
 * and LOGGER and the receipts' `ReceiptIssuer`.
 */
export function pipelineProviders(config: FilingConfig): Provider[] {
  const redis = { redisUrl: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX };
  return [
    {
      provide: FilingPipeline,
      inject: [LOGGER],
      useFactory: (logger: AppLogger) =>
        new FilingPipeline({ ...redis, maxAttempts: config.FILING_MAX_ATTEMPTS }, logger),
    },
    {
      provide: PipelineActionRepository,
      inject: [PRISMA],
      useFactory: (prisma: PrismaClient) => new PipelineActionRepository(prisma),
    },
    {
      provide: ActionEventPublisher,
      inject: [PipelineActionRepository, NATS, LOGGER],
      useFactory: (repository: PipelineActionRepository, nc: NatsConnection, logger: AppLogger) =>
        new ActionEventPublisher(repository, nc, config.NATS_SUBJECT_PREFIX, logger),
    },
    {
      provide: ActionSubmission,
      inject: [PipelineActionRepository, RPC, ReceiptIssuer, ActionEventPublisher, LOGGER],
      useFactory: (
        repository: PipelineActionRepository,
        rpc: RpcClient,
        receipts: ReceiptIssuer,
        events: ActionEventPublisher,
        logger: AppLogger,
      ) =>
        new ActionSubmission(
          repository,
          rpc,
          new AltinnAppClient(
            config.ALTINN_MVA_APP_URL,
            new UpstreamHttp('altinn', config.FILING_UPSTREAM_TIMEOUT_MS),
          ),
          new MvaValidationClient(
            config.SKATTEETATEN_BASE_URL,
            new UpstreamHttp('skatteetaten', config.FILING_UPSTREAM_TIMEOUT_MS),
          ),
          receipts,
          events,
          new CrashHook(
            config.APIER_ENVIRONMENT === 'test' ? (config.FILING_CRASH_AFTER_STEP ?? null) : null,
            logger,
          ),
          {
            maxAttempts: config.FILING_MAX_ATTEMPTS,
            backoffBaseMs: config.FILING_BACKOFF_BASE_MS,
            upstreamTimeoutMs: config.FILING_UPSTREAM_TIMEOUT_MS,
            feedback: {
              pollMs: config.FILING_FEEDBACK_POLL_MS,
              timeoutMs: config.FILING_FEEDBACK_TIMEOUT_SECONDS * 1000,
            },
          },
          logger,
        ),
    },
    {
      provide: PipelineWorker,
      inject: [ActionSubmission, LOGGER],
      useFactory: (submission: ActionSubmission, logger: AppLogger) =>
        new PipelineWorker(
          {
            ...redis,
            concurrency: config.FILING_WORKER_CONCURRENCY,
            lockDurationMs: config.FILING_LOCK_DURATION_MS,
            maxStalledCount: config.FILING_MAX_ATTEMPTS,
            backoffBaseMs: config.FILING_BACKOFF_BASE_MS,
          },
          submission,
          logger,
        ),
    },
    {
      provide: PipelineRecovery,
      inject: [PipelineActionRepository, FilingPipeline, ActionEventPublisher, LOGGER],
      useFactory: (
        repository: PipelineActionRepository,
        pipeline: FilingPipeline,
        events: ActionEventPublisher,
        logger: AppLogger,
      ) =>
        new PipelineRecovery(
          { ...redis, everyMs: config.FILING_RECOVERY_SECONDS * 1000 },
          repository,
          pipeline,
          events,
          logger,
        ),
    },
    {
      provide: PipelineLifecycle,
      inject: [PipelineWorker, PipelineRecovery, FilingPipeline, ActionEventPublisher, LOGGER],
      useFactory: (
        worker: PipelineWorker,
        recovery: PipelineRecovery,
        pipeline: FilingPipeline,
        events: ActionEventPublisher,
        logger: AppLogger,
      ) => new PipelineLifecycle(worker, recovery, pipeline, events, logger),
    },
  ];
}
