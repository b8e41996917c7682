import { ApierError, type SystemUserAltinnToken, type SystemUserAltinnTokenRequest } from '@apier/contracts';
import type { AppLogger } from '@apier/platform';
import { createHash } from 'node:crypto';
import type { DelegationConfirmation } from '../delegations/delegation-confirmation';
import { delegationNotFound } from '../delegations/delegation-views';
import type { DelegationRepository } from '../delegations/delegation.repository';
import type { MaskinportenClient } from '../maskinporten/maskinporten-client';
import type { TokenCache } from '../token-cache/token-cache';
import type { AltinnTokenExchange } from './altinn-token-exchange';

export interface SystemUserAltinnTokenOptions {
  issuer: string;
  clientId: string;
  /** Scopes of the System User token the filing pipeline works with (app instances, validation). */
  scopes: string[];
  now?: () => number;
}

/**
 * The filing pipeline's Altinn token for an account's System User of an org. Every request first
 * re-confirms the delegation (fail closed with the `delegation_*` refusals), then hands out an
 * Altinn token exchanged from a System User Maskinporten token. The exchanged token is cached
 * sealed like every other token, per (client, scopes, org, external ref), until shortly before it
 * expires, so a pipeline that resumes or polls asks Maskinporten and Altinn only once per lifetime.
 */
export class SystemUserAltinnTokens {
  private readonly scopes: string[];
  private readonly now: () => number;

  constructor(
    private readonly confirmation: Pick<DelegationConfirmation, 'confirm'>,
    private readonly repository: Pick<DelegationRepository, 'findForAccount'>,
    private readonly maskinporten: Pick<MaskinportenClient, 'requestToken'>,
    private readonly exchange: Pick<AltinnTokenExchange, 'exchange'>,
    private readonly cache: TokenCache,
    private readonly options: SystemUserAltinnTokenOptions,
    private readonly logger: AppLogger,
  ) {
    this.scopes = [...new Set(options.scopes)].sort();
    this.now = options.now ?? Date.now;
  }

  async issue(request: SystemUserAltinnTokenRequest): Promise<SystemUserAltinnToken> {
    const confirmed = await this.confirmation.confirm(
      request.account_id,
      request.orgnr,
      request.access_packages,
    );
    const record = await this.repository.findForAccount(request.account_id, confirmed.delegation_id);
    if (!record) throw delegationNotFound(request.orgnr);
    const cacheKey = this.cacheKey(record.orgnr, record.externalRef, confirmed.system_user_id);
    let source: 'cache' | 'exchange' = 'cache';
    try {
      const token = await this.cache.get(cacheKey, async () => {
        source = 'exchange';
        const mp = await this.maskinporten.requestToken(this.scopes, {
          orgnr: record.orgnr,
          externalRef: record.externalRef,
        });
        const exchanged = await this.exchange.exchange(mp.accessToken);
        const altinnSeconds = exchanged.expiresAt - Math.floor(this.now() / 1000);
        this.logger.info(
          { orgnr: record.orgnr, grant_jti: mp.grantJti, scopes: this.scopes },
          'system user altinn token exchanged',
        );
        return {
          accessToken: exchanged.accessToken,
          expiresInSeconds: Math.max(0, Math.min(mp.expiresInSeconds, altinnSeconds)),
        };
      });
      this.logger.info(
        {
          account_id: request.account_id,
          orgnr: record.orgnr,
          delegation_id: record.id,
          system_user_id: confirmed.system_user_id,
          source,
        },
        'system user altinn token handed to filing',
      );
      return {
        access_token: token.accessToken,
        expires_at: new Date(token.usableUntil).toISOString(),
        system_user_id: confirmed.system_user_id,
      };
    } catch (error) {
      // MP-303 between the confirmation and the grant: the System User went away just now.
      if (error instanceof ApierError && error.code === 'delegation_inactive')
        await this.cache.invalidate(cacheKey);
      throw error;
    }
  }

  /**
   * Its own cache entry, never shared with the confirmation's tokens or another account's. The
   * System User is part of it: a company that revoked and then delegated again has a new one, and
   * the old one's token would only get 403s from Altinn until it expired.
   */
  private cacheKey(orgnr: string, externalRef: string, systemUserId: string): string {
    return createHash('sha256')
      .update(
        JSON.stringify([
          this.options.issuer,
          this.options.clientId,
          this.scopes,
          orgnr,
          externalRef,
          systemUserId,
          'altinn',
        ]),
      )
      .digest('hex');
  }
}
