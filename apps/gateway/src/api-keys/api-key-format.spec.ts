import {
  apiKeyMatchesHash,
  crc32,
  displayPrefix,
  generateApiKey,
  hashApiKey,
  parseApiKey,
  SECRET_LENGTH,
} from './api-key-format';

// The module object itself (not an import copy), so a spy sees the calls the code under test makes.
const crypto = jest.requireActual<typeof import('node:crypto')>('node:crypto');
const PEPPER = 'a-pepper-for-these-tests-only-0123456789';
const BASE62 = /^[0-9A-Za-z]+$/;
const BASE62_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

describe('API key format', () => {
  it('reads apier_<mode>_<key id><secret><checksum> with the mode in the prefix', () => {
    for (const mode of ['live', 'test'] as const) {
      const { key, keyId, lastFour } = generateApiKey(mode);
      expect(key.startsWith(`apier_${mode}_${keyId}`)).toBe(true);
      expect(key).toHaveLength(`apier_${mode}_`.length + 12 + SECRET_LENGTH + 6);
      expect(keyId).toMatch(/^[0-9A-Za-z]{12}$/);
      expect(key.slice(`apier_${mode}_`.length)).toMatch(BASE62);
      expect(lastFour).toBe(key.slice(-4));
      expect(parseApiKey(key)).toEqual({ ok: true, mode, keyId });
      expect(displayPrefix(mode, keyId)).toBe(key.slice(0, `apier_${mode}_`.length + 12));
    }
  });

  it('carries 256 random bits of secret: keys never repeat and every character is used evenly', () => {
    const keys = Array.from({ length: 2_000 }, () => generateApiKey('test'));
    expect(new Set(keys.map((k) => k.key)).size).toBe(keys.length);
    expect(new Set(keys.map((k) => k.keyId)).size).toBe(keys.length);
    const secrets = keys.map((k) => k.key.slice('apier_test_'.length + 12, -6));
    // 43 base62 characters hold any 32-byte value, and none holds more.
    const asNumber = (s: string) => [...s].reduce((n, c) => n * 62n + BigInt(BASE62_DIGITS.indexOf(c)), 0n);
    expect(secrets.every((s) => s.length === SECRET_LENGTH && asNumber(s) < 2n ** 256n)).toBe(true);
    expect(secrets.some((s) => asNumber(s) >= 2n ** 255n)).toBe(true);
    const counts = new Map<string, number>();
    for (const s of secrets) for (const c of s.slice(1)) counts.set(c, (counts.get(c) ?? 0) + 1);
    const expected = (secrets.length * (SECRET_LENGTH - 1)) / 62;
    expect(counts.size).toBe(62);
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.15);
  });

  it('rejects malformed keys and lookalikes from the checksum alone', () => {
    const { key } = generateApiKey('live');
    const flipped = key.slice(0, 20) + (key[20] === 'a' ? 'b' : 'a') + key.slice(21);
    expect(parseApiKey(flipped)).toEqual({ ok: false, reason: 'checksum' });
    expect(parseApiKey(key.slice(0, -6) + '000000')).toEqual({ ok: false, reason: 'checksum' });
    for (const bad of [
      '',
      'apier_live_',
      key.replace('apier_live_', 'apier_prod_'),
      key.replace('apier_', 'ab_'),
      `${key}x`,
      key.slice(0, -1),
      key.replace(/.$/, '-'),
      ` ${key}`,
    ]) {
      expect(parseApiKey(bad)).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('uses the standard CRC-32', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
  });
});

describe('API key hashing', () => {
  it('stores an HMAC-SHA256 under the pepper, never the key', () => {
    const { key } = generateApiKey('test');
    const hash = hashApiKey(key, PEPPER);
    expect(hash).toBe(crypto.createHmac('sha256', PEPPER).update(key).digest('hex'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(key.slice(11));
    expect(hashApiKey(key, `${PEPPER}-other`)).not.toBe(hash);
  });

  it('matches only the right key under the right pepper', () => {
    const { key } = generateApiKey('test');
    const other = generateApiKey('test').key;
    const hash = hashApiKey(key, PEPPER);
    expect(apiKeyMatchesHash(key, hash, PEPPER)).toBe(true);
    expect(apiKeyMatchesHash(other, hash, PEPPER)).toBe(false);
    expect(apiKeyMatchesHash(key, hash, `${PEPPER}-other`)).toBe(false);
    expect(apiKeyMatchesHash(key, undefined, PEPPER)).toBe(false);
    expect(apiKeyMatchesHash(key, 'not-a-hash', PEPPER)).toBe(false);
  });

  it('compares in constant time, also when the key id is unknown', () => {
    const timingSafeEqual = jest.spyOn(crypto, 'timingSafeEqual');
    try {
      const { key } = generateApiKey('test');
      const hash = hashApiKey(key, PEPPER);
      apiKeyMatchesHash(key, hash, PEPPER);
      apiKeyMatchesHash(generateApiKey('test').key, hash, PEPPER);
      apiKeyMatchesHash(key, undefined, PEPPER);
      expect(timingSafeEqual).toHaveBeenCalledTimes(3);
      for (const [a, b] of timingSafeEqual.mock.calls) {
        expect((a as Buffer).length).toBe(32);
        expect((b as Buffer).length).toBe(32);
      }
    } finally {
      timingSafeEqual.mockRestore();
    }
  });
});
