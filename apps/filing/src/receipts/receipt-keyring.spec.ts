import { ConfigError, loadConfig } from '@apier/platform';
import { randomBytes } from 'node:crypto';
import { FilingConfigSchema } from '../config';
import { DEV_RECEIPT_KEY, parseReceiptSigningKeys } from './receipt-keyring';

const secret = (bytes = 32) => randomBytes(bytes);

describe('receipt signing keys (RECEIPT_SIGNING_KEYS)', () => {
  it('reads id:base64 pairs in order, standard or url-safe base64', () => {
    const [a, b] = [secret(), secret(48)];
    expect(
      parseReceiptSigningKeys(` k2026:${a.toString('base64')} ,k2025:${b.toString('base64url')}`),
    ).toEqual([
      { id: 'k2026', secret: a },
      { id: 'k2025', secret: b },
    ]);
  });

  it.each([
    ['a missing id', `:${secret().toString('base64')}`, /entry 1 needs a key id/],
    ['no colon', secret().toString('base64'), /entry 1 needs a key id/],
    ['an id with dots', `k.1:${secret().toString('base64')}`, /entry 1 needs a key id/],
    ['a short secret', `k1:${secret(31).toString('base64')}`, /key "k1" has 31 bytes; at least 32/],
    ['not base64', 'k1:not*base64', /key "k1" is not base64/],
    ['a repeated id', `k1:${secret().toString('base64')},k1:${secret().toString('base64')}`, /listed twice/],
    ['nothing', ' , ', /no keys listed/],
  ])('refuses %s without echoing the secret', (_name, value, message) => {
    expect(() => parseReceiptSigningKeys(value)).toThrow(message);
    try {
      parseReceiptSigningKeys(value);
    } catch (error) {
      const encoded = value.split(':')[1]?.split(',')[0] ?? '';
      if (encoded.length > 8) expect((error as Error).message).not.toContain(encoded);
    }
  });

  it('are required in live, and checked at start wherever they are set', () => {
    expect(() => loadConfig(FilingConfigSchema, { APIER_ENVIRONMENT: 'live' })).toThrow(
      new ConfigError([
        'RECEIPT_SIGNING_KEYS: receipt signing keys are required when APIER_ENVIRONMENT=live',
      ]),
    );
    expect(() => loadConfig(FilingConfigSchema, { RECEIPT_SIGNING_KEYS: 'k1:c2hvcnQ=' })).toThrow(
      /at least 32/,
    );
    const live = loadConfig(FilingConfigSchema, {
      APIER_ENVIRONMENT: 'live',
      RECEIPT_SIGNING_KEYS: `k1:${secret().toString('base64')}`,
    });
    expect(live.APIER_ENVIRONMENT).toBe('live');
    expect(loadConfig(FilingConfigSchema, {}).RECEIPT_SIGNING_KEYS).toBeUndefined();
  });

  it('fall back to a development key that says it is public', () => {
    expect(DEV_RECEIPT_KEY.id).toBe('dev-insecure-public');
    expect(DEV_RECEIPT_KEY.secret).toHaveLength(32);
  });
});
