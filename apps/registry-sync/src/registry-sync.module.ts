import { loadAccessCatalogue } from '@apier/access-catalogue';
import { createPrismaClient, type PrismaClient } from '@apier/db';
import { type AppLogger, connectNats, RpcClient } from '@apier/platform';
import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { DelegationStateReader } from './delegation-state/delegation-state.reader';
import { CompanyContextHandler } from './company-context/company-context.handler';
import { CompanyContextService } from './company-context/company-context.service';
import type { RegistrySyncConfig } from './config';
import { HealthHandler } from './health/health.handler';
import { ER_ROLE_PACKAGES, PRISMA } from './registry-sync.tokens';
import { SnapshotReader } from './snapshots/snapshot-reader';
import { SnapshotRepository } from './snapshots/snapshot.repository';
import { erRolePackagesFrom } from './who-can-act/er-role-packages';
import { WhoCanActHandler } from './who-can-act/who-can-act.handler';

const NATS = Symbol('NATS');

@Module({})
export class RegistrySyncModule implements OnApplicationShutdown {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(NATS) private readonly nats: NatsConnection,
  ) {}

  static forRoot(config: RegistrySyncConfig, logger: AppLogger): DynamicModule {
    const reader = (brreg: string, skatteetaten: string, nav: string) =>
      new SnapshotReader({
        bases: { brreg, skatteetaten, nav },
        freshnessMs: config.REGISTRY_FRESHNESS_SECONDS * 1000,
        upstreamTimeoutMs: config.UPSTREAM_TIMEOUT_MS,
      });
    return {
      module: RegistrySyncModule,
      controllers: [CompanyContextHandler, WhoCanActHandler, HealthHandler],
      providers: [
        { provide: ER_ROLE_PACKAGES, useFactory: () => erRolePackagesFrom(loadAccessCatalogue()) },
        {
          provide: PRISMA,
          useFactory: () => createPrismaClient({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA }),
        },
        {
          provide: SnapshotRepository,
          inject: [PRISMA],
          useFactory: (prisma: PrismaClient) => new SnapshotRepository(prisma),
        },
        { provide: NATS, useFactory: () => connectNats(config.NATS_URL, 'registry-sync-client', logger) },
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
          provide: CompanyContextService,
          inject: [SnapshotRepository, DelegationStateReader],
          useFactory: (repository: SnapshotRepository, delegations: DelegationStateReader) =>
            new CompanyContextService(
              repository,
              {
                production: reader(
                  config.BRREG_BASE_URL,
                  config.SKATTEETATEN_BASE_URL,
                  config.NAV_AAREG_BASE_URL,
                ),
                sandbox: reader(
                  config.SANDBOX_BRREG_BASE_URL,
                  config.SANDBOX_SKATTEETATEN_BASE_URL,
                  config.SANDBOX_NAV_AAREG_BASE_URL,
                ),
              },
              delegations,
            ),
        },
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.prisma.$disconnect(), this.nats.drain()]);
  }
}
