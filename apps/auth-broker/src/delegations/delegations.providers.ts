import { createPrismaClient, type PrismaClient } from '@apier/db';
import { type AppLogger, connectNats } from '@apier/platform';
import type { Provider } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { AltinnAuthenticationClient } from '../altinn/altinn-authentication.client';
import { AltinnHttp } from '../altinn/altinn-http';
import { SystemRegistration } from '../altinn/system-registration';
import { MaskinportenVendorToken } from '../altinn/vendor-token';
import { OrgAuthorityService } from '../authority/org-authority.service';
import type { AuthBrokerConfig } from '../config';
import { MaskinportenClient } from '../maskinporten/maskinporten-client';
import { TokenCache } from '../token-cache/token-cache';
import { DelegationConfirmation } from './delegation-confirmation';
import { DelegationEventPublisher } from './delegation-event-publisher';
import { DelegationReconciler } from './delegation-reconciler';
import { DelegationSweepQueue } from './delegation-sweep.queue';
import { DelegationRepository } from './delegation.repository';
import { DelegationService } from './delegation.service';

export const PRISMA = Symbol('PRISMA');
export const EVENTS_NATS = Symbol('EVENTS_NATS');

/** Wiring of the delegation lifecycle: Altinn client, registration, repository, reconciler, events. */
export function delegationProviders(config: AuthBrokerConfig, logger: AppLogger): Provider[] {
  return [
    {
      provide: PRISMA,
      useFactory: () =>
        createPrismaClient({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolSize: 5 }),
    },
    {
      provide: EVENTS_NATS,
      useFactory: () => connectNats(config.NATS_URL, 'auth-broker-events', logger),
    },
    {
      provide: AltinnAuthenticationClient,
      inject: [MaskinportenClient, TokenCache],
      useFactory: (maskinporten: MaskinportenClient, cache: TokenCache) =>
        new AltinnAuthenticationClient(
          new AltinnHttp(
            { baseUrl: config.ALTINN_PLATFORM_URL, timeoutMs: config.ALTINN_TIMEOUT_MS },
            new MaskinportenVendorToken(maskinporten, cache, {
              issuer: config.MASKINPORTEN_ISSUER,
              clientId: config.MASKINPORTEN_CLIENT_ID,
            }),
          ),
        ),
    },
    {
      provide: SystemRegistration,
      inject: [AltinnAuthenticationClient],
      useFactory: (altinn: AltinnAuthenticationClient) =>
        new SystemRegistration(
          altinn,
          {
            vendorOrgnr: config.APIER_VENDOR_ORGNR,
            clientId: config.MASKINPORTEN_CLIENT_ID,
            accessPackages: config.ALTINN_SYSTEM_ACCESS_PACKAGES,
          },
          logger,
        ),
    },
    {
      provide: DelegationRepository,
      inject: [PRISMA],
      useFactory: (prisma: PrismaClient) => new DelegationRepository(prisma),
    },
    {
      provide: DelegationEventPublisher,
      inject: [DelegationRepository, EVENTS_NATS],
      useFactory: (repository: DelegationRepository, nc: NatsConnection) =>
        new DelegationEventPublisher(repository, nc, config.NATS_SUBJECT_PREFIX, logger),
    },
    {
      provide: DelegationReconciler,
      inject: [
        DelegationRepository,
        AltinnAuthenticationClient,
        SystemRegistration,
        DelegationEventPublisher,
      ],
      useFactory: (
        repository: DelegationRepository,
        altinn: AltinnAuthenticationClient,
        registration: SystemRegistration,
        events: DelegationEventPublisher,
      ) => new DelegationReconciler(repository, altinn, registration, events, logger),
    },
    {
      provide: DelegationService,
      inject: [DelegationRepository, AltinnAuthenticationClient, SystemRegistration, DelegationReconciler],
      useFactory: (
        repository: DelegationRepository,
        altinn: AltinnAuthenticationClient,
        registration: SystemRegistration,
        reconciler: DelegationReconciler,
      ) =>
        new DelegationService(repository, altinn, registration, reconciler, logger, {
          freshnessSeconds: config.DELEGATION_FRESHNESS_SECONDS,
        }),
    },
    {
      provide: DelegationConfirmation,
      inject: [DelegationRepository, DelegationReconciler, OrgAuthorityService],
      useFactory: (
        repository: DelegationRepository,
        reconciler: DelegationReconciler,
        authority: OrgAuthorityService,
      ) =>
        new DelegationConfirmation(repository, reconciler, authority, logger, {
          freshnessSeconds: config.DELEGATION_FRESHNESS_SECONDS,
          scopes: config.DELEGATION_CONFIRM_SCOPES,
        }),
    },
    {
      provide: DelegationSweepQueue,
      inject: [DelegationReconciler],
      useFactory: (reconciler: DelegationReconciler) =>
        new DelegationSweepQueue(
          {
            redisUrl: config.REDIS_URL,
            keyPrefix: config.REDIS_KEY_PREFIX,
            everyMs: config.DELEGATION_RECONCILE_SECONDS * 1000,
          },
          () => reconciler.sweep(),
          logger,
        ),
    },
  ];
}
