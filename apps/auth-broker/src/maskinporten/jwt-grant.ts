import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SigningKey } from './signing-keys';

/** The one customer a System User token acts for (RFC 9396 authorization_details). */
export interface SystemUserOrg {
  orgnr: string;
  externalRef?: string;
}

export interface GrantRequest {
  clientId: string;
  /** The issuer exactly as the metadata document states it (Maskinporten rejects the token URL). */
  audience: string;
  scopes: readonly string[];
  systemUser?: SystemUserOrg;
  lifetimeSeconds: number;
  now: Date;
}

export const MAX_GRANT_LIFETIME_SECONDS = 120;

/**
 * Builds and signs the RFC 7523 JWT grant with only the claims Digdir documents: extra claims
 * (even `sub`) can make Maskinporten refuse it, and every grant gets a fresh `jti`.
 */
export async function signJwtGrant(
  request: GrantRequest,
  key: SigningKey,
): Promise<{ assertion: string; jti: string }> {
  if (request.scopes.length === 0) throw new Error('A Maskinporten grant needs at least one scope');
  const lifetime = Math.min(request.lifetimeSeconds, MAX_GRANT_LIFETIME_SECONDS);
  const iat = Math.floor(request.now.getTime() / 1000);
  const jti = randomUUID();
  const claims: Record<string, unknown> = { scope: [...request.scopes].join(' ') };
  if (request.systemUser) {
    claims['authorization_details'] = [
      {
        type: 'urn:altinn:systemuser',
        systemuser_org: { authority: 'iso6523-actorid-upis', ID: `0192:${request.systemUser.orgnr}` },
        ...(request.systemUser.externalRef ? { externalRef: request.systemUser.externalRef } : {}),
      },
    ];
  }
  const header = key.x5c ? { alg: 'RS256', x5c: key.x5c } : { alg: 'RS256', kid: key.kid };
  const assertion = await new SignJWT(claims)
    .setProtectedHeader(header)
    .setAudience(request.audience)
    .setIssuer(request.clientId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + lifetime)
    .setJti(jti)
    .sign(key.key);
  return { assertion, jti };
}
