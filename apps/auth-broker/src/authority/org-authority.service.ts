import { ApierError, type AuthorizeOrgReply } from '@apier/contracts';
import type { AppLogger } from '@apier/platform';
import { createHash } from 'node:crypto';
import type { MaskinportenClient } from '../maskinporten/maskinporten-client';
import type { TokenCache } from '../token-cache/token-cache';

/**
 * Decides at request time whether Apier may act for an organisation: only a System User token
 * that Maskinporten issued (or one still cached within its capped lifetime) says yes. Every
 * failure, including Maskinporten being down, is a refusal; MP-303 also purges the cache.
 */
export class OrgAuthorityService {
  constructor(
    private readonly maskinporten: MaskinportenClient,
    private readonly cache: TokenCache,
    private readonly identity: { issuer: string; clientId: string },
    private readonly logger: AppLogger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * `externalRef` names the System User when its request carried one (Apier binds each to an
   * account); it is part of the grant and of the cache key, so accounts never share a token.
   */
  async authorize(
    orgnr: string,
    scopes: string[],
    fresh: boolean,
    externalRef?: string,
  ): Promise<AuthorizeOrgReply> {
    const sortedScopes = [...new Set(scopes)].sort();
    const cacheKey = this.cacheKey(orgnr, sortedScopes, externalRef);
    if (fresh) await this.cache.invalidate(cacheKey);
    let issued = false;
    try {
      const token = await this.cache.get(cacheKey, async () => {
        issued = true;
        const result = await this.maskinporten.requestToken(sortedScopes, {
          orgnr,
          ...(externalRef ? { externalRef } : {}),
        });
        this.logger.info(
          { orgnr, scopes: sortedScopes, grant_jti: result.grantJti, expires_in: result.expiresInSeconds },
          'system user token obtained',
        );
        return result;
      });
      return {
        orgnr,
        authorized: true,
        scopes: sortedScopes,
        confirmed_at: this.now().toISOString(),
        valid_until: new Date(token.usableUntil).toISOString(),
        source: issued ? 'maskinporten' : 'cache',
      };
    } catch (error) {
      if (error instanceof ApierError && error.code === 'delegation_inactive') {
        await this.cache.invalidate(cacheKey);
        this.logger.warn(
          { orgnr, scopes: sortedScopes },
          'delegation inactive: refusing and purging cached tokens',
        );
      }
      throw error;
    }
  }

  /** One cache entry per (environment, client, scope set, customer, external ref): never shared. */
  private cacheKey(orgnr: string, scopes: string[], externalRef: string | undefined): string {
    const identity = [this.identity.issuer, this.identity.clientId, scopes, orgnr];
    return createHash('sha256')
      .update(JSON.stringify(externalRef ? [...identity, externalRef] : identity))
      .digest('hex');
  }
}
