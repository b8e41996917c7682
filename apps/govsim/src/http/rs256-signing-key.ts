import { generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';

export interface Rs256SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public half as published in a JWKS. */
  publicJwk: JsonWebKey;
}

/** A fresh key for one of govsim's token issuers (Maskinporten, Altinn); nothing is persisted. */
export function generateRs256SigningKey(kid: string): Rs256SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicJwk = {
    ...(publicKey.export({ format: 'jwk' }) as JsonWebKey),
    kid,
    use: 'sig',
    alg: 'RS256',
  } as JsonWebKey;
  return { privateKey, publicKey, publicJwk };
}
