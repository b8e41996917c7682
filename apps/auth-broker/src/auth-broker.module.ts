import type { AppLogger } from '@apier/platform';
import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { OrgAuthorityHandler } from './authority/org-authority.handler';
import { OrgAuthorityService } from './authority/org-authority.service';
import type { AuthBrokerConfig } from './config';
import { HealthHandler } from './health/health.handler';
import { MaskinportenClient } from './maskinporten/maskinporten-client';
import { registerEphemeralClientWithGovsim } from './maskinporten/govsim-dev-registration';
import { loadSigningKeys, type SigningKey } from './maskinporten/signing-keys';
import { TokenCache } from './token-cache/token-cache';
import { TokenSealer } from './token-cache/token-sealer';

const REDIS = Symbol('REDIS');
const SIGNING_KEYS = Symbol('SIGNING_KEYS');

/** The only process that holds Apier's Maskinporten key and the tokens it obtains. */
@Module({})
export class AuthBrokerModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  static forRoot(config: AuthBrokerConfig, logger: AppLogger): DynamicModule {
    return {
      module: AuthBrokerModule,
      controllers: [HealthHandler, OrgAuthorityHandler],
      providers: [
        {
          provide: REDIS,
          useFactory: () =>
            new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false }),
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
          provide: OrgAuthorityService,
          inject: [REDIS, SIGNING_KEYS],
          useFactory: (redis: Redis, keys: SigningKey[]) =>
            new OrgAuthorityService(
              new MaskinportenClient({
                issuer: config.MASKINPORTEN_ISSUER,
                clientId: config.MASKINPORTEN_CLIENT_ID,
                keys,
                grantLifetimeSeconds: config.MASKINPORTEN_GRANT_LIFETIME_SECONDS,
                timeoutMs: config.MASKINPORTEN_TIMEOUT_MS,
              }),
              new TokenCache(redis, new TokenSealer(config.tokenCacheKey), {
                keyPrefix: config.REDIS_KEY_PREFIX,
                maxTtlSeconds: config.TOKEN_CACHE_MAX_TTL_SECONDS,
                refreshMarginSeconds: config.TOKEN_REFRESH_MARGIN_SECONDS,
                lockTtlMs: config.MASKINPORTEN_TIMEOUT_MS + 2_000,
              }),
              { issuer: config.MASKINPORTEN_ISSUER, clientId: config.MASKINPORTEN_CLIENT_ID },
              logger,
            ),
        },
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
