import { parseIdempotencyKey } from './idempotency-key';
import { requestFingerprint } from './request-fingerprint';

const UUID = '8e03978e-40d5-43e8-bc93-6894a57f9324';

describe('Idempotency-Key header', () => {
  it.each([
    ['a quoted sf-string', `"${UUID}"`, UUID],
    ['a bare key', UUID, UUID],
    ['surrounding spaces', `  "${UUID}" `, UUID],
    ['16 characters', 'abcdefgh_1234567', 'abcdefgh_1234567'],
    ['255 characters', `"${'k'.repeat(255)}"`, 'k'.repeat(255)],
    ['a single header as a list', [UUID], UUID],
  ])('accepts %s', (_name, header, key) => {
    expect(parseIdempotencyKey(header)).toBe(key);
  });

  it.each([undefined, '', '   '])('calls %p missing', (header) => {
    expect(() => parseIdempotencyKey(header)).toThrow(
      expect.objectContaining({ code: 'idempotency_key_missing' }),
    );
  });

  it.each([
    ['15 characters', 'abcdefgh_123456'],
    ['256 characters', 'k'.repeat(256)],
    ['a dot', `${UUID}.x`],
    ['a space inside', `"${UUID} x"`],
    ['an unterminated quote', `"${UUID}`],
    ['an escaped quote', `"${UUID}\\""`],
    ['two headers', `"${UUID}", "${UUID}"`],
    ['two header lines', [UUID, UUID]],
    ['non-ASCII', `${UUID}æ`],
    ['an empty sf-string', '""'],
  ])('calls %s malformed', (_name, header) => {
    expect(() => parseIdempotencyKey(header)).toThrow(
      expect.objectContaining({ code: 'idempotency_key_malformed' }),
    );
  });
});

describe('request fingerprint', () => {
  const route = '/api/v1/actions/execute';

  it('ignores member order and whitespace of the body', () => {
    expect(requestFingerprint('POST', route, JSON.parse('{"a": 1, "b": [2, {"d": 4, "c": 3}]}'))).toBe(
      requestFingerprint('post', route, { b: [2, { c: 3, d: 4 }], a: 1.0 }),
    );
  });

  it('differs by method, route and body', () => {
    const base = requestFingerprint('POST', route, { a: 1 });
    expect(requestFingerprint('PUT', route, { a: 1 })).not.toBe(base);
    expect(requestFingerprint('POST', '/api/v1/other', { a: 1 })).not.toBe(base);
    expect(requestFingerprint('POST', route, { a: 2 })).not.toBe(base);
    expect(requestFingerprint('POST', route, undefined)).not.toBe(requestFingerprint('POST', route, null));
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a body that is not I-JSON as a bad request', () => {
    expect(() => requestFingerprint('POST', route, { s: '\ud800' })).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });
});
