import type { CompanyChangedEvent } from '@apier/contracts';
import { createPrismaClient, type PrismaClient } from '@apier/db';
import { createLogger } from '@apier/platform';
import { createIsolatedSchema, type IsolatedSchema, runToken, testInfrastructure } from '@apier/testing';
import { Redis } from 'ioredis';
import { UpstreamRateLimiter } from '../rate-limit/upstream-rate-limiter';
import { CompanyRefresher, type EnvironmentUpstreams } from '../refresh/company-refresher';
import type { Environment } from '../snapshots/snapshot';
import { SnapshotRepository } from '../snapshots/snapshot.repository';
import { UpstreamFetcher } from '../upstream/upstream-fetcher';
import { FakeRegistry } from './fake-registry';

/**
 * registry-sync's freshness machinery on real Postgres (its own schema) and real Redis (its own
 * key prefix), against a fake registry over real HTTP, with a clock the spec moves.
 */
export class RegistryTestWorld {
  readonly logger = createLogger('spec', 'silent');
  readonly keyPrefix = `${runToken()}:`;
  readonly redis = new Redis(testInfrastructure().redisUrl);
  clock = new Date('2026-11-25T12:00:00.000Z');
  readonly now = () => this.clock;
  readonly published: CompanyChangedEvent[] = [];
  readonly limiter: UpstreamRateLimiter;
  readonly snapshots: SnapshotRepository;
  readonly upstreams: Record<Environment, EnvironmentUpstreams>;
  readonly refresher: CompanyRefresher;

  private constructor(
    readonly db: IsolatedSchema,
    readonly prisma: PrismaClient,
    readonly registry: FakeRegistry,
    limits: { perSecond: number },
  ) {
    this.limiter = new UpstreamRateLimiter(
      this.redis,
      this.keyPrefix,
      { brreg: limits, skatteetaten: limits, nav: limits },
      this.logger,
    );
    this.snapshots = new SnapshotRepository(prisma, this.now);
    const upstream = (environment: Environment): EnvironmentUpstreams => ({
      bases: { brreg: this.registry.base, skatteetaten: this.registry.base, nav: this.registry.base },
      fetcher: new UpstreamFetcher(this.limiter, environment, 500),
    });
    this.upstreams = { production: upstream('production'), sandbox: upstream('sandbox') };
    this.refresher = new CompanyRefresher(
      this.snapshots,
      this.upstreams,
      { flushQuietly: () => Promise.resolve() },
      200,
      this.now,
    );
  }

  static async start(limits = { perSecond: 1_000 }): Promise<RegistryTestWorld> {
    const db = await createIsolatedSchema();
    const prisma = createPrismaClient({ url: db.url, schema: db.schema, poolSize: 4 });
    const registry = new FakeRegistry();
    await registry.start();
    return new RegistryTestWorld(db, prisma, registry, limits);
  }

  async events(): Promise<CompanyChangedEvent[]> {
    const rows = await this.prisma.companyEvent.findMany({ orderBy: { occurredAt: 'asc' } });
    return rows.map((r) => r.payload as unknown as CompanyChangedEvent);
  }

  async stop(): Promise<void> {
    await this.registry.stop();
    await this.prisma.$disconnect();
    await this.db.drop();
    const keys = await this.redis.keys(`${this.keyPrefix}*`);
    if (keys.length) await this.redis.del(...keys);
    this.redis.disconnect();
  }
}
