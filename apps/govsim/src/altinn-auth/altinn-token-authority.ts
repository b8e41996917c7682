import { createPublicKey, type JsonWebKey, type KeyObject, randomUUID } from 'node:crypto';
import { decodeJwt, jwtVerify, type JWTPayload, SignJWT } from 'jose';
import { generateRs256SigningKey } from '../http/rs256-signing-key';
import type { MaskinportenState } from '../maskinporten/maskinporten-state';

/** Platform setting JwtValidityMinutes in the published appsettings. */
export const ALTINN_TOKEN_LIFETIME_SECONDS = 30 * 60;
/** Accepted clock skew when Altinn validates an incoming token. */
const CLOCK_SKEW_SECONDS = 10;
const ORG_IN_CONSUMER = /^0192:(\d{9})$/;

/** The claims of the fake Maskinporten's tokens this side relies on. */
export interface VerifiedToken {
  claims: JWTPayload;
  issuedBy: 'maskinporten' | 'altinn';
}

/**
 * Altinn Authentication's token side: verifies Maskinporten tokens (and its own exchanged tokens)
 * and issues Altinn tokens signed with a key of its own, so a client that mixes up the two issuers'
 * keys fails here as it would against the real platform.
 */
export class AltinnTokenAuthority {
  readonly signingKid = 'govsim-altinn-1';
  readonly issuer: string;
  readonly publicJwk: JsonWebKey;
  private readonly signingKey: KeyObject;
  private readonly verificationKey: KeyObject;
  private readonly maskinportenIssuer: string;
  private readonly maskinportenKey: KeyObject;

  constructor(
    private readonly maskinporten: MaskinportenState,
    publicBaseUrl: string,
  ) {
    this.issuer = `${publicBaseUrl}/authentication/`;
    this.maskinportenIssuer = `${publicBaseUrl}/maskinporten/`;
    this.maskinportenKey = createPublicKey(maskinporten.signingKey);
    const { privateKey, publicKey, publicJwk } = generateRs256SigningKey(this.signingKid);
    this.signingKey = privateKey;
    this.verificationKey = publicKey;
    this.publicJwk = publicJwk;
  }

  /** Only a Maskinporten token can be exchanged; null when it is not one the fake Maskinporten issued and still valid. */
  async verifyMaskinportenToken(token: string): Promise<JWTPayload | null> {
    const verified = await this.verify(token);
    return verified?.issuedBy === 'maskinporten' ? verified.claims : null;
  }

  /** The vendor APIs accept both issuers, as Altinn's JWT handler does. Null for anything else. */
  async verify(token: string): Promise<VerifiedToken | null> {
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      return null;
    }
    const issuedBy =
      issuer === this.maskinportenIssuer ? 'maskinporten' : issuer === this.issuer ? 'altinn' : null;
    if (!issuedBy) return null;
    try {
      const { payload } = await jwtVerify(
        token,
        issuedBy === 'maskinporten' ? this.maskinportenKey : this.verificationKey,
        {
          issuer: issuer as string,
          algorithms: ['RS256'],
          clockTolerance: CLOCK_SKEW_SECONDS,
          currentDate: this.maskinporten.now(),
        },
      );
      return { claims: payload, issuedBy };
    } catch {
      return null;
    }
  }

  /**
   * Copies every claim of the Maskinporten token (scope, consumer, authorization_details, client_id…),
   * re-issues it under the Altinn issuer with Altinn's own lifetime and adds the urn:altinn claims.
   */
  async exchange(maskinportenClaims: JWTPayload, vendorOrgnr: string): Promise<string> {
    const { iss: _iss, iat: _iat, exp: _exp, nbf: _nbf, jti: _jti, ...copied } = maskinportenClaims;
    const iat = Math.floor(this.maskinporten.now().getTime() / 1000);
    return new SignJWT({
      ...copied,
      'urn:altinn:orgNumber': vendorOrgnr,
      'urn:altinn:authenticatemethod': 'maskinporten',
      'urn:altinn:authlevel': 3,
      sid: randomUUID(),
    })
      .setProtectedHeader({ alg: 'RS256', kid: this.signingKid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(iat + ALTINN_TOKEN_LIFETIME_SECONDS)
      .setJti(randomUUID())
      .sign(this.signingKey);
  }
}

/** The vendor's org number from `consumer.ID` (`0192:<orgnr>`), or null when the token has none. */
export function vendorOrgnrOf(claims: JWTPayload): string | null {
  const consumer = claims['consumer'] as Record<string, unknown> | undefined;
  const id = consumer?.['ID'] ?? consumer?.['id'];
  const match = typeof id === 'string' ? ORG_IN_CONSUMER.exec(id) : null;
  return match ? match[1]! : null;
}

export function scopesOf(claims: JWTPayload): Set<string> {
  return new Set(typeof claims['scope'] === 'string' ? claims['scope'].split(' ').filter(Boolean) : []);
}
