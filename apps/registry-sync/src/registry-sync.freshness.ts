import type { PrismaClient } from '@apier/db';
import type { AppLogger } from '@apier/platform';
import type { Redis } from 'ioredis';
import type { RegistrySyncConfig } from './config';
import type { CompanyEventPublisher } from './events/company-event-publisher';
import { BrregFeedClient } from './feed/brreg-feed-client';
import { FeedCursorRepository } from './feed/feed-cursor.repository';
import { UpdateFeedFollower } from './feed/update-feed-follower';
import { UpstreamRateLimiter } from './rate-limit/upstream-rate-limiter';
import { CompanyRefresher, type EnvironmentUpstreams } from './refresh/company-refresher';
import { RefreshQueue } from './refresh/refresh.queue';
import { RegistryScheduleQueue } from './schedule/registry-schedule.queue';
import { StaleSnapshotSweep } from './schedule/stale-snapshot-sweep';
import type { Environment } from './snapshots/snapshot';
import { SnapshotReader } from './snapshots/snapshot-reader';
import { SnapshotRepository } from './snapshots/snapshot.repository';
import { UpstreamFetcher } from './upstream/upstream-fetcher';

/** A background refresh or feed poll waits this long for a rate-limit token before it is put off. */
const BACKGROUND_TOKEN_WAIT_MS = 10_000;
const FEED_PAGES_PER_POLL = 20;

/** Everything that keeps snapshots fresh, wired once from the configuration. */
export class FreshnessProviders {
  constructor(
    readonly snapshots: SnapshotRepository,
    readonly readers: Record<Environment, SnapshotReader>,
    readonly refreshQueue: RefreshQueue,
    readonly schedule: RegistryScheduleQueue,
  ) {}
}

export function freshnessProviders(
  config: RegistrySyncConfig,
  logger: AppLogger,
  infra: { prisma: PrismaClient; redis: Redis; events: CompanyEventPublisher },
): FreshnessProviders {
  const limiter = new UpstreamRateLimiter(
    infra.redis,
    config.REDIS_KEY_PREFIX,
    {
      brreg: { perSecond: config.BRREG_RATE_LIMIT_PER_SECOND },
      skatteetaten: { perSecond: config.SKATTEETATEN_RATE_LIMIT_PER_SECOND },
      nav: { perSecond: config.NAV_RATE_LIMIT_PER_SECOND },
    },
    logger,
  );
  const upstream = (environment: Environment, brreg: string, skatteetaten: string, nav: string) => ({
    bases: { brreg, skatteetaten, nav },
    fetcher: new UpstreamFetcher(limiter, environment, config.UPSTREAM_TIMEOUT_MS),
  });
  const upstreams: Record<Environment, EnvironmentUpstreams> = {
    production: upstream(
      'production',
      config.BRREG_BASE_URL,
      config.SKATTEETATEN_BASE_URL,
      config.NAV_AAREG_BASE_URL,
    ),
    sandbox: upstream(
      'sandbox',
      config.SANDBOX_BRREG_BASE_URL,
      config.SANDBOX_SKATTEETATEN_BASE_URL,
      config.SANDBOX_NAV_AAREG_BASE_URL,
    ),
  };
  const policy = {
    freshMs: config.REGISTRY_FRESHNESS_SECONDS * 1000,
    maxAgeMs: config.REGISTRY_MAX_AGE_SECONDS * 1000,
  };
  const snapshots = new SnapshotRepository(infra.prisma);
  const refresher = new CompanyRefresher(snapshots, upstreams, infra.events, BACKGROUND_TOKEN_WAIT_MS);
  const refreshQueue = new RefreshQueue(
    {
      redisUrl: config.REDIS_URL,
      keyPrefix: config.REDIS_KEY_PREFIX,
      concurrency: config.REGISTRY_REFRESH_CONCURRENCY,
      attempts: config.REGISTRY_REFRESH_ATTEMPTS,
      backoffMs: config.REGISTRY_REFRESH_BACKOFF_MS,
    },
    refresher,
    logger,
  );
  const follower = new UpdateFeedFollower(
    {
      production: new BrregFeedClient(
        upstreams.production.bases,
        upstreams.production.fetcher,
        BACKGROUND_TOKEN_WAIT_MS,
      ),
      sandbox: new BrregFeedClient(
        upstreams.sandbox.bases,
        upstreams.sandbox.fetcher,
        BACKGROUND_TOKEN_WAIT_MS,
      ),
    },
    new FeedCursorRepository(infra.prisma),
    snapshots,
    refresher,
    {
      pageSize: config.REGISTRY_FEED_PAGE_SIZE,
      maxPagesPerPoll: FEED_PAGES_PER_POLL,
      start: config.REGISTRY_FEED_START === 'now' ? 'now' : new Date(config.REGISTRY_FEED_START),
      environments: ['production', 'sandbox'],
    },
    logger,
  );
  const sweep = new StaleSnapshotSweep(snapshots, refreshQueue, infra.events, {
    freshMs: policy.freshMs,
    batch: config.REGISTRY_SWEEP_BATCH,
  });
  const schedule = new RegistryScheduleQueue(
    {
      redisUrl: config.REDIS_URL,
      keyPrefix: config.REDIS_KEY_PREFIX,
      feedPollEveryMs: config.REGISTRY_FEED_POLL_SECONDS * 1000,
      sweepEveryMs: config.REGISTRY_SWEEP_SECONDS * 1000,
    },
    {
      pollFeeds: async () => {
        await follower.pollAll();
        await infra.events.flushQuietly();
      },
      sweep: () => sweep.run(),
    },
    logger,
  );
  const readers = {
    production: new SnapshotReader({ ...upstreams.production, policy }),
    sandbox: new SnapshotReader({ ...upstreams.sandbox, policy }),
  };
  return new FreshnessProviders(snapshots, readers, refreshQueue, schedule);
}
