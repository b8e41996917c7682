import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { SigningKeySource } from './signing-keys';

/**
 * For test environments without a real Maskinporten client: an ephemeral key pair, registered
 * with govsim as Digdir's self-service would register an uploaded public key.
 */
export async function registerEphemeralClientWithGovsim(options: {
  controlUrl: string;
  clientId: string;
  vendorOrgnr: string;
  scopes: string[];
}): Promise<SigningKeySource[]> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `dev-${randomUUID()}`;
  const response = await fetch(new URL('maskinporten/clients', withSlash(options.controlUrl)), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_id: options.clientId,
      orgnr: options.vendorOrgnr,
      scopes: options.scopes,
      jwks: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }],
    }),
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) throw new Error(`govsim refused the client registration (${response.status})`);
  return [{ kid, pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }];
}

const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);
