import { ApierError, CanonicalJsonError, canonicalJson } from '@apier/contracts';
import { createHash } from 'node:crypto';

/**
 * SHA-256 over method, route template and the RFC 8785 canonical body, so member order and
 * whitespace do not make two equal requests differ, and one key cannot be replayed on another route.
 */
export function requestFingerprint(method: string, routeTemplate: string, body: unknown): string {
  let canonical: string;
  try {
    canonical = body === undefined ? '' : canonicalJson(body);
  } catch (error) {
    if (!(error instanceof CanonicalJsonError)) throw error;
    throw new ApierError('validation_failed', 'The request body is not I-JSON (RFC 7493)', { cause: error });
  }
  return createHash('sha256')
    .update(`${method.toUpperCase()}\n${routeTemplate}\n${canonical}`, 'utf8')
    .digest('hex');
}
