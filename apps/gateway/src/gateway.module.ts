import { loadAccessCatalogue } from '@apier/access-catalogue';
import { createPrismaClient, type PrismaClient } from '@apier/db';
import { type AppLogger, connectNats, RpcClient, connectRedis } from '@apier/platform';
import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { NatsConnection } from 'nats';
import { AccountRepository } from './api-keys/account.repository';
import { ApiKeyGuard } from './api-keys/api-key.guard';
import { ApiKeyRepository } from './api-keys/api-key.repository';
import { ApiKeyService } from './api-keys/api-key.service';
import { ActionsController } from './actions/actions.controller';
import { ACTION_OPERATIONS, SANDBOX_ACTION_OPERATIONS } from './actions/actions.operations';
import { SandboxActionsController } from './actions/sandbox-actions.controller';
import { API_KEY_OPERATIONS } from './api-keys/api-keys.operations';
import { MeController } from './api-keys/me.controller';
import { CompanyController } from './company/company.controller';
import { COMPANY_OPERATIONS } from './company/company.operations';
import { apiKeyPepper, type GatewayConfig } from './config';
import { DelegationsController } from './delegations/delegations.controller';
import { DELEGATION_OPERATIONS } from './delegations/delegations.operations';
import {
  LOGGER,
  NATS_CONNECTION,
  OPENAPI_DOCUMENT,
  PRISMA,
  PUBLIC_RATE_LIMITER,
  REDIS,
  RPC_CLIENT,
} from './gateway.tokens';
import { idempotencyProviders } from './idempotency/idempotency.providers';
import { APPROVAL_OPERATIONS } from './approvals/approvals.operations';
import { approvalsProviders } from './approvals/approvals.providers';
import { ReceiptsController } from './receipts/receipts.controller';
import { RECEIPT_OPERATIONS } from './receipts/receipts.operations';
import { FixedWindowLimiter } from './rate-limit/fixed-window-limiter';
import { PublicRateLimitGuard } from './rate-limit/public-rate-limit.guard';
import { withPublicRateLimit } from './rate-limit/with-public-rate-limit';
import { HealthController } from './health/health.controller';
import { ReadinessProbe } from './health/readiness.probe';
import { MigrationToolController } from './migration-tool/migration-tool.controller';
import { MIGRATION_TOOL_OPERATIONS } from './migration-tool/migration-tool.operations';
import { MigrationToolService } from './migration-tool/migration-tool.service';
import { ACCESS_CATALOGUE, MIGRATION_CLOCK, systemClock } from './migration-tool/migration-tool.tokens';
import { HttpMetrics } from './observability/http-metrics';
import { MetricsController } from './observability/metrics.controller';
import { DocsController } from './openapi/docs.controller';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { SANDBOX_OPERATIONS } from './sandbox/sandbox.operations';
import { SandboxCompanyController } from './sandbox/sandbox-company.controller';

export const OPERATIONS = [
  ...API_KEY_OPERATIONS,
  ...COMPANY_OPERATIONS,
  ...DELEGATION_OPERATIONS,
  ...APPROVAL_OPERATIONS,
  ...RECEIPT_OPERATIONS,
  ...ACTION_OPERATIONS,
  ...withPublicRateLimit([...SANDBOX_OPERATIONS, ...SANDBOX_ACTION_OPERATIONS, ...MIGRATION_TOOL_OPERATIONS]),
];

@Module({})
export class GatewayModule implements OnApplicationShutdown {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  static forRoot(
    config: GatewayConfig,
    logger: AppLogger,
    metrics: HttpMetrics,
    publicBaseUrl: string,
  ): DynamicModule {
    const approvals = approvalsProviders(config, logger, publicBaseUrl);
    return {
      module: GatewayModule,
      controllers: [
        HealthController,
        MetricsController,
        DocsController,
        MeController,
        CompanyController,
        DelegationsController,
        SandboxCompanyController,
        ActionsController,
        SandboxActionsController,
        MigrationToolController,
        ReceiptsController,
        ...approvals.controllers,
      ],
      providers: [
        { provide: LOGGER, useValue: logger },
        { provide: HttpMetrics, useValue: metrics },
        // Loaded and validated while the module starts, so a broken catalogue stops the gateway.
        { provide: ACCESS_CATALOGUE, useFactory: () => loadAccessCatalogue() },
        { provide: MIGRATION_CLOCK, useValue: systemClock },
        MigrationToolService,
        { provide: OPENAPI_DOCUMENT, useValue: buildOpenApiDocument(OPERATIONS, publicBaseUrl) },
        { provide: NATS_CONNECTION, useFactory: () => connectNats(config.NATS_URL, 'gateway', logger) },
        {
          provide: RPC_CLIENT,
          inject: [NATS_CONNECTION],
          useFactory: (nc: NatsConnection) =>
            new RpcClient(nc, config.NATS_SUBJECT_PREFIX, config.NATS_REQUEST_TIMEOUT_MS),
        },
        {
          provide: PRISMA,
          // Opens the pool before traffic arrives; a database that is down now is reported by
          // /health/ready rather than stopping the gateway.
          useFactory: async () => {
            const prisma = createPrismaClient({
              url: config.DATABASE_URL,
              schema: config.DATABASE_SCHEMA,
              poolSize: 5,
            });
            await prisma.$queryRaw`SELECT 1`.catch((error: unknown) =>
              logger.warn({ err: error }, 'Postgres not reachable at start'),
            );
            return prisma;
          },
        },
        {
          provide: AccountRepository,
          inject: [PRISMA],
          useFactory: (p: PrismaClient) => new AccountRepository(p),
        },
        {
          provide: ApiKeyRepository,
          inject: [PRISMA],
          useFactory: (p: PrismaClient) => new ApiKeyRepository(p),
        },
        {
          provide: ApiKeyService,
          inject: [ApiKeyRepository, AccountRepository],
          useFactory: (keys: ApiKeyRepository, accounts: AccountRepository) => {
            if (!config.API_KEY_PEPPER) {
              logger.warn('API_KEY_PEPPER is not set: API keys are hashed with the public test-only pepper');
            }
            const pepper = apiKeyPepper(config);
            return new ApiKeyService({
              keys,
              accounts,
              pepper,
              environment: config.APIER_ENVIRONMENT,
              logger,
            });
          },
        },
        ApiKeyGuard,
        {
          provide: REDIS,
          useFactory: () => connectRedis(config.REDIS_URL, logger, { keyPrefix: config.REDIS_KEY_PREFIX }),
        },
        {
          provide: PUBLIC_RATE_LIMITER,
          inject: [REDIS],
          useFactory: (redis: Redis) =>
            new FixedWindowLimiter(redis, {
              name: 'public',
              limit: config.PUBLIC_RATE_LIMIT_PER_MINUTE,
              windowSeconds: 60,
            }),
        },
        PublicRateLimitGuard,
        ...idempotencyProviders(config, logger),
        ...approvals.providers,
        {
          provide: ReadinessProbe,
          inject: [NATS_CONNECTION, PRISMA, REDIS],
          useFactory: (nats: NatsConnection, prisma: PrismaClient, redis: Redis) =>
            new ReadinessProbe({ nats, prisma, redis }, config.READINESS_TIMEOUT_MS),
        },
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.nats.drain(), this.prisma.$disconnect(), this.redis.quit()]);
  }
}
