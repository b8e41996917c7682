import { ApierError } from '@apier/contracts';
import { parseArgs } from 'node:util';
import { API_KEY_MODES, type ApiKeyMode } from '../api-keys/api-key-format';
import { type ApiKeyScope, DEFAULT_SCOPES, parseScopeList } from '../api-keys/api-key-scopes';

export const USAGE = `apier — accounts, API keys and approvers (prints one JSON object)

  apier accounts create --name <name>
  apier accounts list
  apier accounts disable <account_id>
  apier keys issue --account <account_id> --mode test|live [--name <name>]
                   [--scopes company:read,actions:write] [--expires-at <ISO time>]
  apier keys list --account <account_id>
  apier keys revoke <key_id>
  apier approvers create --account <account_id> --email <email> --name <name> [--password-stdin]
  apier approvers list --account <account_id>
  apier approvers disable <approver_id>

The full key is printed once, by "keys issue"; Apier keeps only its hash. An approver's
password is read from stdin with --password-stdin, otherwise generated and printed once.
Default scopes: ${DEFAULT_SCOPES.join(',')}. Settings: DATABASE_URL, DATABASE_SCHEMA,
API_KEY_PEPPER (the gateway's), as for the gateway.
`;

export type AdminCommand =
  | { kind: 'help' }
  | { kind: 'accounts.create'; name: string }
  | { kind: 'accounts.list' }
  | { kind: 'accounts.disable'; accountId: string }
  | {
      kind: 'keys.issue';
      accountId: string;
      mode: ApiKeyMode;
      name: string;
      scopes: ApiKeyScope[];
      expiresAt: Date | null;
    }
  | { kind: 'keys.list'; accountId: string }
  | { kind: 'keys.revoke'; keyId: string }
  | { kind: 'approvers.create'; accountId: string; email: string; name: string; passwordFromStdin: boolean }
  | { kind: 'approvers.list'; accountId: string }
  | { kind: 'approvers.disable'; approverId: string };

/** A mistake in the command line itself: nothing was read or changed. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const OPTIONS = {
  name: { type: 'string' },
  account: { type: 'string' },
  mode: { type: 'string' },
  scopes: { type: 'string' },
  'expires-at': { type: 'string' },
  email: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** argv (after `apier`) → one command, checked completely before anything touches the database. */
export function parseAdminCommand(argv: readonly string[]): AdminCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [group, verb, ...rest] = positionals;
  if (values.help || !group || group === 'help') return { kind: 'help' };
  const command = `${group} ${verb ?? ''}`.trim();
  const only = (allowed: (keyof typeof OPTIONS)[], args = 0) => {
    const extra = Object.keys(values).filter((k) => !allowed.includes(k as keyof typeof OPTIONS));
    if (extra.length > 0) throw new UsageError(`"${command}" takes no --${extra.join(', --')}`);
    if (rest.length !== args) throw new UsageError(`"${command}" takes ${args || 'no'} argument(s)`);
  };
  const required = (name: 'name' | 'account' | 'mode' | 'email') => {
    const value = values[name]?.trim();
    if (!value) throw new UsageError(`"${command}" needs --${name}`);
    return value;
  };

  switch (command) {
    case 'accounts create':
      only(['name']);
      return { kind: 'accounts.create', name: required('name') };
    case 'accounts list':
      only([]);
      return { kind: 'accounts.list' };
    case 'accounts disable':
      only([], 1);
      return { kind: 'accounts.disable', accountId: rest[0]! };
    case 'keys issue': {
      only(['account', 'mode', 'name', 'scopes', 'expires-at']);
      const mode = required('mode');
      if (!(API_KEY_MODES as readonly string[]).includes(mode))
        throw new UsageError('--mode is test or live');
      return {
        kind: 'keys.issue',
        accountId: required('account'),
        mode: mode as ApiKeyMode,
        name: values.name?.trim() || `${mode} key`,
        scopes: values.scopes === undefined ? [...DEFAULT_SCOPES] : scopes(values.scopes),
        expiresAt: values['expires-at'] === undefined ? null : timestamp(values['expires-at']),
      };
    }
    case 'keys list':
      only(['account']);
      return { kind: 'keys.list', accountId: required('account') };
    case 'keys revoke':
      only([], 1);
      return { kind: 'keys.revoke', keyId: rest[0]! };
    case 'approvers create':
      only(['account', 'email', 'name', 'password-stdin']);
      return {
        kind: 'approvers.create',
        accountId: required('account'),
        email: required('email'),
        name: required('name'),
        passwordFromStdin: values['password-stdin'] === true,
      };
    case 'approvers list':
      only(['account']);
      return { kind: 'approvers.list', accountId: required('account') };
    case 'approvers disable':
      only([], 1);
      return { kind: 'approvers.disable', approverId: rest[0]! };
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

function scopes(list: string): ApiKeyScope[] {
  try {
    return parseScopeList(list);
  } catch (error) {
    if (error instanceof ApierError) throw new UsageError(error.message);
    throw error;
  }
}

function timestamp(value: string): Date {
  const at = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(at.getTime())) {
    throw new UsageError('--expires-at takes an ISO 8601 time, e.g. 2027-01-31T00:00:00Z');
  }
  return at;
}
