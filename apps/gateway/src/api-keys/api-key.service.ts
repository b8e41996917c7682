import { ApierError } from '@apier/contracts';
import type { AppLogger } from '@apier/platform';
import type { AccountRecord, AccountRepository } from './account.repository';
import {
  API_KEY_MODES,
  type ApiKeyMode,
  apiKeyMatchesHash,
  generateApiKey,
  hashApiKey,
  isKeyId,
  parseApiKey,
} from './api-key-format';
import type { ApiKeyRecord, ApiKeyRepository, ApiKeyWithAccount } from './api-key.repository';
import type { ApiKeyScope } from './api-key-scopes';
import type { Caller } from './caller';

export interface ApiKeyServiceOptions {
  keys: ApiKeyRepository;
  accounts: AccountRepository;
  /** Server-side secret every key hash is keyed with. */
  pepper: string;
  /** The one mode of key this deployment accepts (APIER_ENVIRONMENT). */
  environment: ApiKeyMode;
  logger: AppLogger;
  clock?: () => Date;
}

export interface IssueApiKey {
  accountId: string;
  mode: ApiKeyMode;
  name: string;
  scopes: readonly ApiKeyScope[];
  expiresAt?: Date | null;
}

export interface IssuedApiKey {
  /** The full key. Returned here once and never again: only its hash is stored. */
  apiKey: string;
  key: ApiKeyRecord;
}

type Refusal = 'unknown' | 'revoked' | 'expired' | 'account_disabled';

/** `last_used_at` is a hint for key rotation, so one write per key per minute is plenty. */
const LAST_USED_RESOLUTION_MS = 60_000;
const BEARER = /^Bearer[ ]+(\S+)[ ]*$/i;
const SCHEME = /^(\S+)/;

/**
 * Authenticates Bearer API keys and manages their life cycle. Every request reads the key's row,
 * so a revocation, an expiry or a disabled account takes effect on the very next request.
 */
export class ApiKeyService {
  private readonly clock: () => Date;
  private readonly recentUse = new Map<string, number>();

  constructor(private readonly options: ApiKeyServiceOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** `Authorization` header value → the caller, or a typed 401 error. */
  async authenticate(authorization: string | undefined): Promise<Caller> {
    const token = this.bearerToken(authorization);
    const parsed = parseApiKey(token);
    if (!parsed.ok) {
      throw new ApierError(
        'api_key_malformed',
        'The Bearer token is not a well-formed Apier API key (apier_live_… or apier_test_…)',
      );
    }
    const { environment } = this.options;
    if (parsed.mode !== environment) {
      this.options.logger.info(
        { key_id: parsed.keyId, key_mode: parsed.mode },
        'api key for another environment',
      );
      throw new ApierError(
        'api_key_wrong_environment',
        `This is the ${environment} environment; it accepts only apier_${environment}_ keys`,
        { details: { accepted_mode: environment } },
      );
    }
    const record = await this.options.keys.findByKeyId(parsed.keyId);
    const matches = apiKeyMatchesHash(token, record?.hash, this.options.pepper);
    const refusal = matches && record ? this.refusalOf(record) : 'unknown';
    if (refusal || !record) {
      this.options.logger.info({ key_id: parsed.keyId, reason: refusal }, 'api key refused');
      throw new ApierError('api_key_invalid', 'The API key is unknown, revoked or expired');
    }
    this.recordUse(record);
    return { accountId: record.accountId, keyId: record.keyId, mode: record.mode, scopes: record.scopes };
  }

  async issue(request: IssueApiKey): Promise<IssuedApiKey> {
    if (!API_KEY_MODES.includes(request.mode)) {
      throw new ApierError('validation_failed', 'The mode must be live or test');
    }
    const name = request.name.trim();
    if (name.length < 1 || name.length > 100) {
      throw new ApierError('validation_failed', 'A key name has 1 to 100 characters');
    }
    const account = await this.usableAccount(request.accountId);
    const generated = generateApiKey(request.mode);
    const key = await this.options.keys.insert({
      accountId: account.id,
      keyId: generated.keyId,
      mode: generated.mode,
      hash: hashApiKey(generated.key, this.options.pepper),
      lastFour: generated.lastFour,
      name,
      scopes: [...request.scopes],
      expiresAt: request.expiresAt ?? null,
    });
    return { apiKey: generated.key, key };
  }

  async list(accountId: string): Promise<ApiKeyRecord[]> {
    await this.existingAccount(accountId);
    return this.options.keys.listByAccount(accountId);
  }

  async revoke(keyId: string): Promise<ApiKeyRecord> {
    const revoked = isKeyId(keyId) ? await this.options.keys.revoke(keyId, this.clock()) : null;
    if (!revoked) throw new ApierError('not_found', `No API key has the key id ${keyId}`);
    return revoked;
  }

  /** The caller's account and key, for `GET /api/v1/me`. */
  async describe(caller: Caller): Promise<ApiKeyWithAccount> {
    const key = await this.options.keys.findByKeyId(caller.keyId);
    if (!key) throw new ApierError('api_key_invalid', 'The API key is unknown, revoked or expired');
    return key;
  }

  private bearerToken(authorization: string | undefined): string {
    const header = authorization?.trim() ?? '';
    const token = BEARER.exec(header)?.[1];
    if (token) return token;
    if (SCHEME.exec(header)?.[1]?.toLowerCase() === 'bearer') {
      throw new ApierError('api_key_malformed', 'The Bearer token is missing or has spaces in it');
    }
    throw new ApierError('unauthenticated', 'Send your API key as `Authorization: Bearer apier_…`');
  }

  private refusalOf(key: ApiKeyWithAccount): Refusal | null {
    const now = this.clock().getTime();
    if (key.revokedAt) return 'revoked';
    if (key.expiresAt && key.expiresAt.getTime() <= now) return 'expired';
    if (key.account.disabledAt) return 'account_disabled';
    return null;
  }

  /** Fire and forget: a failed write is logged and never fails the request it came with. */
  private recordUse(key: ApiKeyRecord): void {
    const now = this.clock();
    const last = Math.max(this.recentUse.get(key.id) ?? 0, key.lastUsedAt?.getTime() ?? 0);
    if (now.getTime() - last < LAST_USED_RESOLUTION_MS) return;
    this.rememberUse(key.id, now.getTime());
    this.options.keys.recordUse(key.id, now).catch((error: unknown) => {
      this.recentUse.delete(key.id);
      this.options.logger.warn({ err: error, key_id: key.keyId }, 'could not record API key use');
    });
  }

  private rememberUse(id: string, at: number): void {
    if (this.recentUse.size >= 10_000) {
      for (const [k, t] of this.recentUse) if (at - t >= LAST_USED_RESOLUTION_MS) this.recentUse.delete(k);
    }
    this.recentUse.set(id, at);
  }

  private async existingAccount(accountId: string): Promise<AccountRecord> {
    const account = UUID.test(accountId) ? await this.options.accounts.find(accountId) : null;
    if (!account) throw new ApierError('not_found', `No account has the id ${accountId}`);
    return account;
  }

  private async usableAccount(accountId: string): Promise<AccountRecord> {
    const account = await this.existingAccount(accountId);
    if (account.disabledAt) {
      throw new ApierError('validation_failed', `Account ${accountId} is disabled; it cannot get new keys`);
    }
    return account;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
