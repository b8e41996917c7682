import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, type JWTPayload } from 'jose';
import { MaskinportenError } from './maskinporten-error';
import type { MaskinportenState, RegisteredClient } from './maskinporten-state';

const ALLOWED_ALGS = new Set(['RS256', 'RS384', 'RS512']);
const KNOWN_CLAIMS = new Set([
  'aud',
  'iss',
  'iat',
  'exp',
  'jti',
  'scope',
  'resource',
  'consumer_org',
  'iss_onbehalfof',
  'authorization_details',
  'sub',
]);
const MAX_SKEW_SECONDS = 10;

export interface ValidGrant {
  client: RegisteredClient;
  payload: JWTPayload;
  scopes: string[];
  systemUser: { orgnr: string; externalRef: string } | null;
}

/**
 * Checks a JWT grant in the order Maskinporten's documentation suggests, throwing the error
 * Maskinporten would give (MP-0xx … MP-3xx). The System User lookup is left to the caller.
 */
export async function validateGrant(
  assertion: string,
  issuer: string,
  state: MaskinportenState,
): Promise<ValidGrant> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  let payload: JWTPayload;
  try {
    header = decodeProtectedHeader(assertion);
    payload = decodeJwt(assertion);
  } catch {
    throw new MaskinportenError(
      'invalid_request',
      'MP-011',
      'Invalid assertion. Client authentication failed. Invalid JWT',
    );
  }
  if (!header.alg || !ALLOWED_ALGS.has(header.alg))
    throw new MaskinportenError(
      'invalid_grant',
      'MP-124',
      `Invalid assertion. Algorithm ${String(header.alg)} is not supported`,
    );
  if (header.x5c)
    throw new MaskinportenError(
      'invalid_grant',
      'MP-123',
      'Invalid assertion. Certificate (x5c) clients are not simulated; use a registered kid',
    );
  if (!header.kid)
    throw new MaskinportenError(
      'invalid_request',
      'MP-011',
      'Invalid assertion. Missing kid or x5c in header',
    );

  const client = typeof payload.iss === 'string' ? state.clients.get(payload.iss) : undefined;
  if (!client)
    throw new MaskinportenError(
      'invalid_grant',
      'MP-100',
      `Invalid assertion. Client authentication failed. Invalid client ${String(payload.iss)}`,
    );
  const key = client.keys.get(header.kid);
  if (!key)
    throw new MaskinportenError(
      'invalid_grant',
      'MP-124',
      `Invalid assertion. Client authentication failed. Unknown kid ${header.kid}`,
    );
  if (key.expiresAt && key.expiresAt < state.now())
    throw new MaskinportenError(
      'invalid_grant',
      'MP-121',
      'Invalid assertion. Client authentication failed. The registered key has expired',
    );
  try {
    await compactVerify(assertion, await importJWK(key.jwk as Parameters<typeof importJWK>[0], header.alg));
  } catch {
    throw new MaskinportenError(
      'invalid_grant',
      'MP-124',
      'Invalid assertion. Client authentication failed. Invalid signature',
    );
  }

  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  const accepted = [issuer, issuer.replace(/\/$/, '')];
  if (audiences.length !== 1 || !accepted.includes(String(audiences[0]))) {
    throw new MaskinportenError(
      'invalid_grant',
      'MP-110',
      `Invalid assertion. Invalid audience ${String(audiences[0])}; expected ${issuer}`,
    );
  }
  const now = state.now().getTime() / 1000;
  if (typeof payload.iat !== 'number')
    throw new MaskinportenError('invalid_grant', 'MP-130', 'Invalid assertion. Missing iat');
  if (payload.iat > now + MAX_SKEW_SECONDS)
    throw new MaskinportenError('invalid_grant', 'MP-130', 'Invalid assertion. The issue time is after now');
  if (payload.iat < now - 120 - MAX_SKEW_SECONDS)
    throw new MaskinportenError('invalid_grant', 'MP-130', 'Invalid assertion. JWT is expired or too old');
  if (typeof payload.exp !== 'number' || payload.exp < now - MAX_SKEW_SECONDS)
    throw new MaskinportenError('invalid_grant', 'MP-130', 'Invalid assertion. JWT is expired');
  if (payload.exp - payload.iat > 120)
    throw new MaskinportenError(
      'invalid_grant',
      'MP-130',
      'Invalid assertion. exp - iat must be at most 120 seconds',
    );
  if (payload.jti !== undefined && !state.claimJti(String(payload.jti), payload.exp)) {
    throw new MaskinportenError(
      'invalid_grant',
      'MP-012',
      'Invalid assertion. The JWT grant has been used before',
    );
  }
  const unknown = Object.keys(payload).filter(
    (claim) => !KNOWN_CLAIMS.has(claim) || (claim === 'sub' && payload.sub !== payload.iss),
  );
  if (unknown.length)
    throw new MaskinportenError(
      'invalid_request',
      'MP-011',
      `Invalid assertion. Unknown claims: ${unknown.join(', ')}`,
    );

  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
  if (scopes.length === 0)
    throw new MaskinportenError('invalid_scope', 'MP-200', 'Invalid scope. At least one scope is required');
  const missing = scopes.filter((s) => !client.scopes.has(s));
  if (missing.length)
    throw new MaskinportenError(
      'invalid_scope',
      'MP-200',
      `Invalid scope. Scope(s) not registered on client: ${missing.join(' ')}`,
    );

  return { client, payload, scopes, systemUser: systemUserOf(payload['authorization_details']) };
}

function systemUserOf(details: unknown): ValidGrant['systemUser'] {
  if (details === undefined) return null;
  if (
    !Array.isArray(details) ||
    details.length !== 1 ||
    typeof details[0] !== 'object' ||
    details[0] === null
  ) {
    throw new MaskinportenError(
      'invalid_request',
      'MP-302',
      'Invalid authorization_details. Exactly one object is required',
    );
  }
  const entry = details[0] as Record<string, unknown>;
  if (entry['type'] !== 'urn:altinn:systemuser')
    throw new MaskinportenError(
      'invalid_request',
      'MP-301',
      `Unknown authorization_details type ${String(entry['type'])}`,
    );
  const extra = Object.keys(entry).filter((k) => !['type', 'systemuser_org', 'externalRef'].includes(k));
  if (extra.length)
    throw new MaskinportenError(
      'invalid_request',
      'MP-302',
      `Unknown fields in authorization_details: ${extra.join(', ')}`,
    );
  const org = entry['systemuser_org'] as Record<string, unknown> | undefined;
  const id = String(org?.['ID'] ?? org?.['id'] ?? '');
  if (org?.['authority'] !== 'iso6523-actorid-upis' || !/^0192:\d{9}$/.test(id)) {
    throw new MaskinportenError(
      'invalid_altinn_customer_configuration',
      'MP-303',
      'authorization_details.systemuser_org is not a valid organisation identifier',
    );
  }
  const orgnr = id.slice(5);
  return { orgnr, externalRef: typeof entry['externalRef'] === 'string' ? entry['externalRef'] : orgnr };
}
