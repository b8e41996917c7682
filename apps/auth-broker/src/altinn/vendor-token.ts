import { createHash } from 'node:crypto';
import type { MaskinportenClient } from '../maskinporten/maskinporten-client';
import type { TokenCache } from '../token-cache/token-cache';

/** The scopes of the plain (no System User) token the Altinn vendor APIs take (reference §4.0). */
export const ALTINN_VENDOR_SCOPES = [
  'altinn:authentication/systemregister.write',
  'altinn:authentication/systemuser.request.read',
  'altinn:authentication/systemuser.request.write',
] as const;

/** Where the Altinn client gets its bearer token; the token never leaves the auth-broker. */
export interface VendorTokenSource {
  token(): Promise<string>;
  /** Forget the cached token, e.g. after Altinn answered 401 to it. */
  invalidate(): Promise<void>;
}

/**
 * Apier's own Maskinporten token for the vendor APIs: no System User, cached and single-flight like
 * every other token, in its own cache entry.
 */
export class MaskinportenVendorToken implements VendorTokenSource {
  private readonly cacheKey: string;

  constructor(
    private readonly maskinporten: MaskinportenClient,
    private readonly cache: TokenCache,
    identity: { issuer: string; clientId: string },
  ) {
    this.cacheKey = createHash('sha256')
      .update(JSON.stringify([identity.issuer, identity.clientId, [...ALTINN_VENDOR_SCOPES], 'vendor']))
      .digest('hex');
  }

  async token(): Promise<string> {
    const cached = await this.cache.get(this.cacheKey, () =>
      this.maskinporten.requestToken([...ALTINN_VENDOR_SCOPES]),
    );
    return cached.accessToken;
  }

  invalidate(): Promise<void> {
    return this.cache.invalidate(this.cacheKey);
  }
}
