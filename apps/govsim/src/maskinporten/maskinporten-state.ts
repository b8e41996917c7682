import type { JsonWebKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { generateRs256SigningKey } from '../http/rs256-signing-key';

/** A Maskinporten client ("integration") as Digdir's self-service registers it. */
export interface RegisteredClient {
  clientId: string;
  orgnr: string;
  scopes: Set<string>;
  /** Public keys by kid; Maskinporten keys expire at most a year after upload. */
  keys: Map<string, { jwk: JsonWebKey; expiresAt: Date | null }>;
}

export interface ReceivedGrant {
  jti: string;
  clientId: string;
  scopes: string[];
  systemUserOrg: string | null;
  outcome: 'issued' | string;
  at: string;
}

/**
 * Everything the fake Maskinporten knows: its own signing key, registered clients, seen grant
 * ids (replay protection), a log of grants for tests, and a controllable clock and lifetime.
 */
export class MaskinportenState {
  readonly signingKid = 'govsim-maskinporten-1';
  readonly signingKey: KeyObject;
  readonly publicJwk: JsonWebKey;
  readonly clients = new Map<string, RegisteredClient>();
  readonly grants: ReceivedGrant[] = [];
  private readonly seenJti = new Map<string, number>();
  clockOffsetMs = 0;
  tokenLifetimeSeconds = 120;

  constructor() {
    const { privateKey, publicJwk } = generateRs256SigningKey(this.signingKid);
    this.signingKey = privateKey;
    this.publicJwk = publicJwk;
  }

  now(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  registerClient(client: {
    clientId: string;
    orgnr: string;
    scopes: string[];
    jwks: (JsonWebKey & { kid?: string; exp?: number })[];
  }): RegisteredClient {
    const registered: RegisteredClient = {
      clientId: client.clientId,
      orgnr: client.orgnr,
      scopes: new Set(client.scopes),
      keys: new Map(
        client.jwks.map((jwk) => [
          String(jwk.kid),
          { jwk, expiresAt: jwk.exp ? new Date(jwk.exp * 1000) : null },
        ]),
      ),
    };
    this.clients.set(client.clientId, registered);
    return registered;
  }

  /** True the first time a jti is seen while it could still be valid. */
  claimJti(jti: string, expiresAtSeconds: number): boolean {
    const nowSeconds = this.now().getTime() / 1000;
    for (const [seen, exp] of this.seenJti) if (exp < nowSeconds - 10) this.seenJti.delete(seen);
    if (this.seenJti.has(jti)) return false;
    this.seenJti.set(jti, expiresAtSeconds);
    return true;
  }
}
