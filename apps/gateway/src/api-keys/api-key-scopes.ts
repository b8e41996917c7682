import { ApierError } from '@apier/contracts';

/** What an API key may do. A route names the one scope it needs with `@Authenticated({ scope })`. */
export const API_KEY_SCOPES = [
  'company:read',
  'delegations:read',
  'delegations:write',
  'actions:read',
  'actions:write',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Read-only by default; anything that changes state at Altinn is granted explicitly. */
export const DEFAULT_SCOPES: readonly ApiKeyScope[] = ['company:read', 'delegations:read', 'actions:read'];

export function isApiKeyScope(value: string): value is ApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(value);
}

/** `company:read,actions:write` → the scopes, deduplicated; an unknown name is refused. */
export function parseScopeList(list: string): ApiKeyScope[] {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const unknown = names.filter((n) => !isApiKeyScope(n));
  if (unknown.length > 0) {
    throw new ApierError('validation_failed', `Unknown scope(s): ${unknown.join(', ')}`, {
      details: { known_scopes: [...API_KEY_SCOPES] },
    });
  }
  return [...new Set(names as ApiKeyScope[])];
}

export function requireScope(scopes: readonly string[], scope: ApiKeyScope): void {
  if (scopes.includes(scope)) return;
  throw new ApierError(
    'forbidden_scope',
    `This operation needs the ${scope} scope, which the API key lacks`,
    {
      details: { required_scope: scope },
    },
  );
}
