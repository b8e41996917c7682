import { type ApierError, ERROR_CODES } from '@apier/contracts';

const REALM = 'Bearer realm="apier"';

/**
 * The `WWW-Authenticate` challenge for an authentication or scope problem (RFC 6750 §3): no
 * error attribute when no credentials came, `invalid_token` for a bad key, `insufficient_scope`
 * with the scope for a key that may not do this. Undefined for every other problem.
 */
export function bearerChallenge(error: ApierError): string | undefined {
  if (error.code === 'unauthenticated') return REALM;
  if (ERROR_CODES[error.code].status === 401) return `${REALM}, error="invalid_token"`;
  if (error.code === 'forbidden_scope') {
    const scope = error.details?.['required_scope'];
    return `${REALM}, error="insufficient_scope"${typeof scope === 'string' ? `, scope="${scope}"` : ''}`;
  }
  return undefined;
}
