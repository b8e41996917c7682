import { createHash, randomBytes } from 'node:crypto';

/**
 * Session cookie values: `apier_session_` + 32 random bytes in base64url. The prefix lets the
 * secret scanner recognise a leaked session; only the SHA-256 is stored.
 */
export const SESSION_TOKEN_PREFIX = 'apier_session_';
const SESSION_TOKEN = /^apier_session_[A-Za-z0-9_-]{43}$/;

export function generateSessionToken(): string {
  return SESSION_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function isWellFormedSessionToken(value: string): boolean {
  return SESSION_TOKEN.test(value);
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
