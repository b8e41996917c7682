import type { PrismaClient } from '@apier/db';
import { type AppLogger, connectRedis } from '@apier/platform';
import {
  type DynamicModule,
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Redis } from 'ioredis';
import type { NatsConnection } from 'nats';
import { SystemRegistration } from './altinn/system-registration';
import { altinnTokenProviders } from './altinn-token/altinn-token.providers';
import { SystemUserAltinnTokenHandler } from './altinn-token/system-user-altinn-token.handler';
import { OrgAuthorityHandler } from './authority/org-authority.handler';
import { OrgAuthorityService } from './authority/org-authority.service';
import type { AuthBrokerConfig } from './config';
import { DelegationEventPublisher } from './delegations/delegation-event-publisher';
import { DelegationSweepQueue } from './delegations/delegation-sweep.queue';
import { DelegationHandler } from './delegations/delegation.handler';
import { delegationProviders, EVENTS_NATS, PRISMA } from './delegations/delegations.providers';
import { HealthHandler } from './health/health.handler';
import { MaskinportenClient } from './maskinporten/maskinporten-client';
import { registerEphemeralClientWithGovsim } from './maskinporten/govsim-dev-registration';
import { loadSigningKeys, type SigningKey } from './maskinporten/signing-keys';
import { TokenCache } from './token-cache/token-cache';
import { TokenSealer } from './token-cache/token-sealer';

const REDIS = Symbol('REDIS');
const SIGNING_KEYS = Symbol('SIGNING_KEYS');
const LOGGER = Symbol('LOGGER');

/** The only process that holds Apier's Maskinporten key and the tokens it obtains. */
@Module({})
export class AuthBrokerModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(EVENTS_NATS) private readonly nats: NatsConnection,
    @Inject(LOGGER) private readonly logger: AppLogger,
    private readonly registration: SystemRegistration,
    private readonly sweep: DelegationSweepQueue,
    private readonly events: DelegationEventPublisher,
  ) {}

  static forRoot(config: AuthBrokerConfig, logger: AppLogger): DynamicModule {
    return {
      module: AuthBrokerModule,
      controllers: [HealthHandler, OrgAuthorityHandler, DelegationHandler, SystemUserAltinnTokenHandler],
      providers: [
        { provide: LOGGER, useValue: logger },
        {
          provide: REDIS,
          useFactory: () => connectRedis(config.REDIS_URL, logger),
        },
        {
          provide: SIGNING_KEYS,
          useFactory: async () =>
            loadSigningKeys(
              config.maskinportenKeys ??
                (await registerEphemeralClientWithGovsim({
                  controlUrl: config.GOVSIM_CONTROL_URL!,
                  clientId: config.MASKINPORTEN_CLIENT_ID,
                  vendorOrgnr: config.APIER_VENDOR_ORGNR,
                  scopes: config.MASKINPORTEN_SCOPES,
                })),
            ),
        },
        {
          provide: MaskinportenClient,
          inject: [SIGNING_KEYS],
          useFactory: (keys: SigningKey[]) =>
            new MaskinportenClient({
              issuer: config.MASKINPORTEN_ISSUER,
              clientId: config.MASKINPORTEN_CLIENT_ID,
              keys,
              grantLifetimeSeconds: config.MASKINPORTEN_GRANT_LIFETIME_SECONDS,
              timeoutMs: config.MASKINPORTEN_TIMEOUT_MS,
            }),
        },
        {
          provide: TokenCache,
          inject: [REDIS],
          useFactory: (redis: Redis) =>
            new TokenCache(redis, new TokenSealer(config.tokenCacheKey), {
              keyPrefix: config.REDIS_KEY_PREFIX,
              maxTtlSeconds: config.TOKEN_CACHE_MAX_TTL_SECONDS,
              refreshMarginSeconds: config.TOKEN_REFRESH_MARGIN_SECONDS,
              lockTtlMs: config.MASKINPORTEN_TIMEOUT_MS + 2_000,
            }),
        },
        {
          provide: OrgAuthorityService,
          inject: [MaskinportenClient, TokenCache],
          useFactory: (maskinporten: MaskinportenClient, cache: TokenCache) =>
            new OrgAuthorityService(
              maskinporten,
              cache,
              { issuer: config.MASKINPORTEN_ISSUER, clientId: config.MASKINPORTEN_CLIENT_ID },
              logger,
            ),
        },
        ...delegationProviders(config, logger),
        ...altinnTokenProviders(config, logger),
      ],
    };
  }

  /**
   * Registers Apier's system with Altinn and schedules the reconciler, both in the background: an
   * Altinn or Redis outage at start must not keep the service from answering (and refusing).
   */
  onApplicationBootstrap(): void {
    void this.registration
      .ensure()
      .catch((error: unknown) =>
        this.logger.warn({ err: error }, 'system registration with Altinn failed; retried on first use'),
      );
    void this.sweep
      .start()
      .catch((error: unknown) => this.logger.error({ err: error }, 'delegation sweep not scheduled'));
    void this.events.flushQuietly();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweep.close().catch(() => undefined);
    await Promise.allSettled([this.nats.drain(), this.prisma.$disconnect()]);
    this.redis.disconnect();
  }
}
