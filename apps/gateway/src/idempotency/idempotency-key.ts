import { ApierError } from '@apier/contracts';

const KEY = /^[A-Za-z0-9_-]{16,255}$/;

/**
 * The `Idempotency-Key` header → the key. The draft makes it an RFC 8941 sf-string
 * (`"8e03978e-40d5-43e8-bc93-6894a57f9324"`); the bare form is accepted too because many clients
 * send it. Either way the key is 16–255 characters of `[A-Za-z0-9_-]`, checked before any storage
 * is touched. Two headers arrive joined by a comma and are refused.
 */
export function parseIdempotencyKey(header: string | string[] | undefined): string {
  if (header === undefined || (typeof header === 'string' && header.trim() === '')) {
    throw new ApierError(
      'idempotency_key_missing',
      'Send an Idempotency-Key header, e.g. Idempotency-Key: "<uuid>"',
      {
        details: { header: 'Idempotency-Key' },
      },
    );
  }
  const value = (Array.isArray(header) ? header.join(', ') : header).trim();
  const quoted = value.length >= 2 && value.startsWith('"') && value.endsWith('"');
  const key = quoted ? value.slice(1, -1) : value;
  if (!KEY.test(key)) {
    throw new ApierError(
      'idempotency_key_malformed',
      'The Idempotency-Key must be one quoted string of 16 to 255 letters, digits, "-" or "_"',
      { details: { header: 'Idempotency-Key' } },
    );
  }
  return key;
}
