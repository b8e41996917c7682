import type { AccountRecord } from './account.repository';
import { displayPrefix } from './api-key-format';
import type { ApiKeyRecord, ApiKeyWithAccount } from './api-key.repository';

/**
 * The only shapes keys and accounts leave the service in. The hash is not among the fields, so
 * no caller (HTTP or CLI) can print it by accident.
 */
export interface ApiKeyView {
  key_id: string;
  account_id: string;
  prefix: string;
  mode: ApiKeyRecord['mode'];
  name: string;
  last_four: string;
  scopes: string[];
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface AccountView {
  id: string;
  name: string;
  created_at: string;
  disabled_at: string | null;
}

export interface CallerIdentityView {
  account_id: string;
  account_name: string;
  key: Pick<
    ApiKeyView,
    | 'key_id'
    | 'prefix'
    | 'mode'
    | 'name'
    | 'last_four'
    | 'scopes'
    | 'created_at'
    | 'last_used_at'
    | 'expires_at'
  >;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toApiKeyView(key: ApiKeyRecord): ApiKeyView {
  return {
    key_id: key.keyId,
    account_id: key.accountId,
    prefix: displayPrefix(key.mode, key.keyId),
    mode: key.mode,
    name: key.name,
    last_four: key.lastFour,
    scopes: [...key.scopes],
    created_at: key.createdAt.toISOString(),
    last_used_at: iso(key.lastUsedAt),
    expires_at: iso(key.expiresAt),
    revoked_at: iso(key.revokedAt),
  };
}

export function toAccountView(account: AccountRecord): AccountView {
  return {
    id: account.id,
    name: account.name,
    created_at: account.createdAt.toISOString(),
    disabled_at: iso(account.disabledAt),
  };
}

export function toCallerIdentityView(key: ApiKeyWithAccount): CallerIdentityView {
  const { account_id: _a, revoked_at: _r, ...view } = toApiKeyView(key);
  return { account_id: key.accountId, account_name: key.account.name, key: view };
}
