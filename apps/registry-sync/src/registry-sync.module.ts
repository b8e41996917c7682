import { loadAccessCatalogue } from '@apier/access-catalogue';
import { createPrismaClient, type PrismaClient } from '@apier/db';
import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CompanyContextHandler } from './company-context/company-context.handler';
import { CompanyContextService } from './company-context/company-context.service';
import type { RegistrySyncConfig } from './config';
import { HealthHandler } from './health/health.handler';
import { ER_ROLE_PACKAGES, PRISMA } from './registry-sync.tokens';
import { SnapshotReader } from './snapshots/snapshot-reader';
import { SnapshotRepository } from './snapshots/snapshot.repository';
import { erRolePackagesFrom } from './who-can-act/er-role-packages';
import { WhoCanActHandler } from './who-can-act/who-can-act.handler';

@Module({})
export class RegistrySyncModule implements OnApplicationShutdown {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  static forRoot(config: RegistrySyncConfig): DynamicModule {
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
        {
          provide: CompanyContextService,
          inject: [SnapshotRepository],
          useFactory: (repository: SnapshotRepository) =>
            new CompanyContextService(repository, {
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
            }),
        },
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.prisma.$disconnect();
  }
}
