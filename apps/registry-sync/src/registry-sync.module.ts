import { loadAccessCatalogue } from '@apier/access-catalogue';
import { createPrismaClient, type PrismaClient } from '@apier/db';
import { type AppLogger, connectNats, connectRedis, RpcClient } from '@apier/platform';
import {
  type DynamicModule,
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { NatsConnection } from 'nats';
import { CompanyContextHandler } from './company-context/company-context.handler';
import { CompanyContextService } from './company-context/company-context.service';
import type { RegistrySyncConfig } from './config';
import { DelegationStateReader } from './delegation-state/delegation-state.reader';
import { CompanyEventPublisher } from './events/company-event-publisher';
import { CompanyEventOutbox } from './events/company-event.outbox';
import { HealthHandler } from './health/health.handler';
import { ER_ROLE_PACKAGES, PRISMA } from './registry-sync.tokens';
import { FreshnessProviders, freshnessProviders } from './registry-sync.freshness';
import { erRolePackagesFrom } from './who-can-act/er-role-packages';
import { WhoCanActHandler } from './who-can-act/who-can-act.handler';

const NATS = Symbol('NATS');
const REDIS = Symbol('REDIS');
const LOGGER = Symbol('LOGGER');

@Module({})
export class RegistrySyncModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(NATS) private readonly nats: NatsConnection,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(LOGGER) private readonly logger: AppLogger,
    private readonly freshness: FreshnessProviders,
    private readonly events: CompanyEventPublisher,
  ) {}

  static forRoot(config: RegistrySyncConfig, logger: AppLogger): DynamicModule {
    return {
      module: RegistrySyncModule,
      controllers: [CompanyContextHandler, WhoCanActHandler, HealthHandler],
      providers: [
        { provide: LOGGER, useValue: logger },
        { provide: ER_ROLE_PACKAGES, useFactory: () => erRolePackagesFrom(loadAccessCatalogue()) },
        {
          provide: PRISMA,
          useFactory: () => createPrismaClient({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA }),
        },
        { provide: NATS, useFactory: () => connectNats(config.NATS_URL, 'registry-sync-client', logger) },
        { provide: REDIS, useFactory: () => connectRedis(config.REDIS_URL, logger) },
        {
          provide: DelegationStateReader,
          inject: [NATS],
          useFactory: (nc: NatsConnection) =>
            new DelegationStateReader(
              new RpcClient(nc, config.NATS_SUBJECT_PREFIX, config.NATS_REQUEST_TIMEOUT_MS),
              logger,
            ),
        },
        {
          provide: CompanyEventPublisher,
          inject: [PRISMA, NATS],
          useFactory: (prisma: PrismaClient, nc: NatsConnection) =>
            new CompanyEventPublisher(new CompanyEventOutbox(prisma), nc, config.NATS_SUBJECT_PREFIX, logger),
        },
        {
          provide: FreshnessProviders,
          inject: [PRISMA, REDIS, CompanyEventPublisher],
          useFactory: (prisma: PrismaClient, redis: Redis, events: CompanyEventPublisher) =>
            freshnessProviders(config, logger, { prisma, redis, events }),
        },
        {
          provide: CompanyContextService,
          inject: [FreshnessProviders, DelegationStateReader, CompanyEventPublisher],
          useFactory: (
            freshness: FreshnessProviders,
            delegations: DelegationStateReader,
            events: CompanyEventPublisher,
          ) =>
            new CompanyContextService({
              repository: freshness.snapshots,
              readers: freshness.readers,
              delegations,
              refreshes: freshness.refreshQueue,
              events,
              logger,
            }),
        },
      ],
    };
  }

  /**
   * Starts the background refreshes and the feed/sweep schedule without waiting: a Redis outage at
   * start must not keep the service from answering from Postgres.
   */
  onApplicationBootstrap(): void {
    this.freshness.refreshQueue.start();
    void this.freshness.schedule
      .start()
      .catch((error: unknown) => this.logger.error({ err: error }, 'registry freshness jobs not scheduled'));
    void this.events.flushQuietly();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.freshness.schedule.close(), this.freshness.refreshQueue.close()]);
    await Promise.allSettled([this.prisma.$disconnect(), this.nats.drain()]);
    this.redis.disconnect();
  }
}
