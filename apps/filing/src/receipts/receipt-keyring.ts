import { createHash } from 'node:crypto';

/** One HMAC key of the receipt keyring, named by the `key_id` receipts carry. */
export interface ReceiptKey {
  id: string;
  secret: Buffer;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_-]+)$/;
export const MIN_SECRET_BYTES = 32;

/**
 * The key Apier signs receipts with when RECEIPT_SIGNING_KEYS is unset outside `live`. It is derived
 * from a public label, so every replica and restart shares it and stored receipts keep verifying,
 * and anyone can forge a receipt with it: its id says so, and `live` refuses to start without keys.
 */
export const DEV_RECEIPT_KEY: ReceiptKey = {
  id: 'dev-insecure-public',
  secret: createHash('sha256').update('apier development receipt key: public, never for live').digest(),
};

/**
 * `RECEIPT_SIGNING_KEYS` → keys, first (signing) key first: comma-separated `<key id>:<base64 secret>`
 * with ids of `[A-Za-z0-9_-]` (1–64) and secrets of at least 32 bytes (standard or url-safe
 * base64). Throws a message naming the offending entry by position and id, never the secret.
 */
export function parseReceiptSigningKeys(value: string): ReceiptKey[] {
  const keys = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry, i) => {
      const colon = entry.indexOf(':');
      const id = colon < 0 ? '' : entry.slice(0, colon).trim();
      const encoded = colon < 0 ? '' : entry.slice(colon + 1).trim();
      if (!KEY_ID.test(id))
        throw new Error(`entry ${i + 1} needs a key id of A-Z, a-z, 0-9, _ or - before ":"`);
      if (!BASE64.test(encoded)) throw new Error(`key "${id}" is not base64`);
      const secret = Buffer.from(
        encoded,
        encoded.includes('-') || encoded.includes('_') ? 'base64url' : 'base64',
      );
      if (secret.length < MIN_SECRET_BYTES) {
        throw new Error(`key "${id}" has ${secret.length} bytes; at least ${MIN_SECRET_BYTES} are needed`);
      }
      return { id, secret };
    });
  if (keys.length === 0) throw new Error('no keys listed');
  const ids = keys.map((k) => k.id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated) throw new Error(`key id "${repeated}" is listed twice`);
  return keys;
}
