import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The API key format: `apier_<mode>_<key id><secret><checksum>`, all base62 after the prefix.
 *  - key id: 12 random characters, the public handle the key is looked up by;
 *  - secret: 32 random bytes (256 bits) written as 43 characters;
 *  - checksum: CRC32 of everything before it, 6 characters, so a typo or a random lookalike is
 *    rejected offline (and by secret scanners) without touching storage.
 * Only an HMAC-SHA256 of the full key, peppered with a server-side secret, is ever stored.
 */

export const API_KEY_MODES = ['live', 'test'] as const;
export type ApiKeyMode = (typeof API_KEY_MODES)[number];

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const KEY_ID_LENGTH = 12;
export const SECRET_BYTES = 32;
/** ceil(256 / log2(62)): every 32-byte value fits, left-padded with '0'. */
export const SECRET_LENGTH = 43;
const CHECKSUM_LENGTH = 6;

const API_KEY_PATTERN = /^(apier_(live|test)_([0-9A-Za-z]{12})[0-9A-Za-z]{43})([0-9A-Za-z]{6})$/;
const KEY_ID_PATTERN = /^[0-9A-Za-z]{12}$/;

export interface GeneratedApiKey {
  /** The full key: shown to its owner once, never stored. */
  key: string;
  keyId: string;
  mode: ApiKeyMode;
  lastFour: string;
}

export type ApiKeyParseResult =
  { ok: true; mode: ApiKeyMode; keyId: string } | { ok: false; reason: 'format' | 'checksum' };

export function generateApiKey(mode: ApiKeyMode): GeneratedApiKey {
  const keyId = randomBase62(KEY_ID_LENGTH);
  const body = `apier_${mode}_${keyId}${toBase62(bytesToBigInt(randomBytes(SECRET_BYTES)), SECRET_LENGTH)}`;
  const key = body + checksumOf(body);
  return { key, keyId, mode, lastFour: key.slice(-4) };
}

/** Checks shape and checksum only; a key that passes may still be unknown or revoked. */
export function parseApiKey(raw: string): ApiKeyParseResult {
  const match = API_KEY_PATTERN.exec(raw);
  if (!match) return { ok: false, reason: 'format' };
  const [, body, mode, keyId, checksum] = match;
  if (checksumOf(body!) !== checksum) return { ok: false, reason: 'checksum' };
  return { ok: true, mode: mode as ApiKeyMode, keyId: keyId! };
}

export function isKeyId(value: string): boolean {
  return KEY_ID_PATTERN.test(value);
}

/** What may be shown of a key after its creation: the prefix with the key id. */
export function displayPrefix(mode: ApiKeyMode, keyId: string): string {
  return `apier_${mode}_${keyId}`;
}

/** HMAC-SHA256 of the full key under the server's pepper, as 64 hex characters. */
export function hashApiKey(fullKey: string, pepper: string): string {
  return createHmac('sha256', pepper).update(fullKey, 'utf8').digest('hex');
}

const NO_HASH = Buffer.alloc(32);

/**
 * Compares in constant time. With no stored hash (unknown key id) it still compares, against
 * zeros, so an unknown key costs the same work as a wrong one.
 */
export function apiKeyMatchesHash(fullKey: string, storedHash: string | undefined, pepper: string): boolean {
  const computed = Buffer.from(hashApiKey(fullKey, pepper), 'hex');
  const usable = storedHash !== undefined && /^[0-9a-f]{64}$/.test(storedHash);
  const expected = usable ? Buffer.from(storedHash, 'hex') : NO_HASH;
  return timingSafeEqual(computed, expected) && usable;
}

function checksumOf(body: string): string {
  return toBase62(BigInt(crc32(body)), CHECKSUM_LENGTH);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (IEEE 802.3, as in zlib and GitHub's token checksums). */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, 'utf8')) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function bytesToBigInt(bytes: Buffer): bigint {
  return BigInt(`0x${bytes.toString('hex')}`);
}

function toBase62(value: bigint, width: number): string {
  let out = '';
  for (let n = value; n > 0n; n /= 62n) out = BASE62[Number(n % 62n)] + out;
  return out.padStart(width, '0');
}

/** Uniform base62 characters by rejection sampling (bytes ≥ 248 would bias the modulo). */
function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}
