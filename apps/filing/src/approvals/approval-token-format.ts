import { createHash, randomBytes } from 'node:crypto';

/**
 * `apier_approval_` + 32 random bytes in base64url (43 characters). The prefix lets the secret
 * scanner (libs/testing) and any external one recognise a leaked token; only its SHA-256 is stored.
 */
export const APPROVAL_TOKEN_PREFIX = 'apier_approval_';
const APPROVAL_TOKEN = /^apier_approval_[A-Za-z0-9_-]{43}$/;

export function generateApprovalToken(): string {
  return APPROVAL_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function isWellFormedApprovalToken(token: string): boolean {
  return APPROVAL_TOKEN.test(token);
}

/** A fast hash is enough: the token carries 256 random bits, so there is nothing to brute-force. */
export function hashApprovalToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
