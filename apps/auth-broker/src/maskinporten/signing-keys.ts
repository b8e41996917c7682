import { readFileSync } from 'node:fs';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/**
 * The client's private keys, newest first. Two may be active during a rotation: grants are signed
 * with the first; the second stays loadable until Maskinporten no longer knows the first kid.
 */
export interface SigningKey {
  kid: string;
  key: KeyObject;
  /** Certificate-based clients send the chain (x5c) instead of a kid Maskinporten knows. */
  x5c?: string[];
}

const KeySourceSchema = z
  .object({
    kid: z.string().min(1),
    pem: z.string().optional(),
    pem_file: z.string().optional(),
    jwk: z.record(z.string(), z.unknown()).optional(),
    x5c: z.array(z.string()).optional(),
  })
  .refine(
    (k) => [k.pem, k.pem_file, k.jwk].filter(Boolean).length === 1,
    'give exactly one of pem, pem_file or jwk',
  );

export const SigningKeysSchema = z.array(KeySourceSchema).min(1).max(2);
export type SigningKeySource = z.infer<typeof KeySourceSchema>;

export function loadSigningKeys(sources: SigningKeySource[]): SigningKey[] {
  return sources.map((source) => {
    const key = source.jwk
      ? createPrivateKey({ key: source.jwk as never, format: 'jwk' })
      : createPrivateKey(source.pem ?? readFileSync(source.pem_file!, 'utf8'));
    if (key.asymmetricKeyType !== 'rsa') throw new Error(`Maskinporten key ${source.kid} must be an RSA key`);
    if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048)
      throw new Error(`Maskinporten key ${source.kid} must be at least 2048 bits`);
    return { kid: source.kid, key, ...(source.x5c ? { x5c: source.x5c } : {}) };
  });
}
