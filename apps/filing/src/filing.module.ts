import { createPrismaClient, type PrismaClient } from '@apier/db';
import { type AppLogger, connectNats, connectRedis, RpcClient } from '@apier/platform';
import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { NatsConnection } from 'nats';
import type { FilingConfig } from './config';
import { FILING_CONFIG, LOGGER, NATS, PRISMA, REDIS, RPC } from './filing.tokens';
import { HealthHandler } from './health/health.handler';
import { actionsProviders } from './actions/actions.providers';
import { approvalsProviders } from './approvals/approvals.providers';
import { pipelineProviders } from './pipeline/pipeline.providers';
import { receiptsProviders } from './receipts/receipts.providers';

/**
 * The filing service: preflight, approvals, the live pipeline and receipts. Infrastructure is
 * provided here once; each capability module below adds its own handlers and providers.
 */
@Module({})
export class FilingModule implements OnApplicationShutdown {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(NATS) private readonly nats: NatsConnection,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  static forRoot(config: FilingConfig, logger: AppLogger): DynamicModule {
    const approvals = approvalsProviders(config);
    const receipts = receiptsProviders(config, logger);
    const actions = actionsProviders();
    return {
      module: FilingModule,
      controllers: [HealthHandler, ...approvals.controllers, ...receipts.controllers, ...actions.controllers],
      providers: [
        { provide: FILING_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        {
          provide: PRISMA,
          useFactory: () => createPrismaClient({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA }),
        },
        { provide: NATS, useFactory: () => connectNats(config.NATS_URL, 'filing-client', logger) },
        { provide: REDIS, useFactory: () => connectRedis(config.REDIS_URL, logger) },
        {
          provide: RPC,
          inject: [NATS],
          useFactory: (nc: NatsConnection) =>
            new RpcClient(nc, config.NATS_SUBJECT_PREFIX, config.NATS_REQUEST_TIMEOUT_MS),
        },
        ...approvals.providers,
        ...receipts.providers,
        ...pipelineProviders(config),
        ...actions.providers,
      ],
      exports: [FILING_CONFIG, LOGGER, PRISMA, NATS, REDIS, RPC],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.prisma.$disconnect(), this.nats.drain(), this.redis.quit()]);
  }
}
