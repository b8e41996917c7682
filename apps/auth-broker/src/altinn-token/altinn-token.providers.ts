import type { AppLogger } from '@apier/platform';
import type { Provider } from '@nestjs/common';
import type { AuthBrokerConfig } from '../config';
import { DelegationConfirmation } from '../delegations/delegation-confirmation';
import { DelegationRepository } from '../delegations/delegation.repository';
import { MaskinportenClient } from '../maskinporten/maskinporten-client';
import { TokenCache } from '../token-cache/token-cache';
import { AltinnTokenExchange } from './altinn-token-exchange';
import { SystemUserAltinnTokens } from './system-user-altinn-tokens';

/** The System User Altinn token the filing pipeline asks for. */
export function altinnTokenProviders(config: AuthBrokerConfig, logger: AppLogger): Provider[] {
  return [
    {
      provide: SystemUserAltinnTokens,
      inject: [DelegationConfirmation, DelegationRepository, MaskinportenClient, TokenCache],
      useFactory: (
        confirmation: DelegationConfirmation,
        repository: DelegationRepository,
        maskinporten: MaskinportenClient,
        cache: TokenCache,
      ) =>
        new SystemUserAltinnTokens(
          confirmation,
          repository,
          maskinporten,
          new AltinnTokenExchange({
            platformUrl: config.ALTINN_PLATFORM_URL,
            timeoutMs: config.ALTINN_TIMEOUT_MS,
          }),
          cache,
          {
            issuer: config.MASKINPORTEN_ISSUER,
            clientId: config.MASKINPORTEN_CLIENT_ID,
            scopes: config.SYSTEM_USER_ALTINN_SCOPES,
          },
          logger,
        ),
    },
  ];
}
