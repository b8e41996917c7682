import { ApierError, type ApierErrorBody, ERROR_CODES } from '@apier/contracts';
import type { AppLogger } from '@apier/platform';
import { parseIdempotencyKey } from './idempotency-key';
import type { IdempotencyRecordRow, IdempotencyRecords, IdempotencyScope } from './idempotency-records';
import { requestFingerprint } from './request-fingerprint';

export interface IdempotentRequest {
  accountId: string;
  method: string;
  /** The route as declared (`/api/v1/actions/execute`), not the concrete path. */
  routeTemplate: string;
  /** The `Idempotency-Key` header as received (quoted sf-string or bare). */
  rawKey: string | string[] | undefined;
  /** The parsed JSON body; it is fingerprinted in RFC 8785 canonical form. */
  body: unknown;
}

export interface HandlerResult {
  status: number;
  body: unknown;
}

export interface IdempotentOutcome extends HandlerResult {
  /** True when this is the stored answer of an earlier request; send `Idempotent-Replayed: true`. */
  replayed: boolean;
}

export interface IdempotencyOptions {
  /** How long a request may hold a key before a retry may take it over; longer than any handler runs. */
  lockSeconds: number;
  /** How long a key is remembered (published: 24 h). */
  retentionSeconds: number;
  logger: AppLogger;
  now?: () => Date;
}

export const IDEMPOTENCY_RETENTION_SECONDS = 24 * 60 * 60;
const PURGE_INTERVAL_MS = 60_000;
const CLAIM_ATTEMPTS = 3;

/**
 * The Idempotency-Key decision table (draft-ietf-httpapi-idempotency-key-header, conventions §1).
 *
 * `run(request, handler)` → `{status, body, replayed}`; `handler(key)` gets the parsed key.
 * - missing key → 400 `idempotency_key_missing`; malformed → 400 `idempotency_key_malformed`;
 * - new key → the handler runs under a lock taken with `INSERT … ON CONFLICT DO NOTHING`, and its
 *   answer is stored;
 * - same key, same fingerprint, answered → the stored answer, `replayed: true` (a stored error is
 *   thrown again, with `idempotent_replayed: true` among its details);
 * - same key, same fingerprint, still running → 409 `idempotency_request_in_progress` with
 *   `retry_after_seconds` (sent as `Retry-After`);
 * - same key, other fingerprint (method + route template + canonical body) → 422 `idempotency_key_reused`.
 *
 * A handler error that is final (a 4xx that is not retryable) is stored and replayed like an
 * answer. Anything else (5xx, timeouts, unknown outcome) releases the lock without an answer, so a
 * retry runs the handler again: handlers must themselves be idempotent per (account, key), which
 * the filing service is. A lock whose request died lapses after `lockSeconds`.
 *
 * Scope is (account, method, route template, key). Keys are kept `retentionSeconds` (24 h): an
 * expired record is deleted when its key comes back, and every replica sweeps all expired records
 * at most once a minute, in the background of a request.
 */
export class IdempotencyService {
  private readonly now: () => Date;
  private lastPurge = 0;

  constructor(
    private readonly records: IdempotencyRecords,
    private readonly options: IdempotencyOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async run(
    request: IdempotentRequest,
    handler: (key: string) => Promise<HandlerResult>,
  ): Promise<IdempotentOutcome> {
    const key = parseIdempotencyKey(request.rawKey);
    const fingerprint = requestFingerprint(request.method, request.routeTemplate, request.body);
    const scope: IdempotencyScope = {
      accountId: request.accountId,
      method: request.method.toUpperCase(),
      route: request.routeTemplate,
      key,
    };
    this.purgeInBackground();
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      const now = this.now();
      const lockedUntil = new Date(now.getTime() + this.options.lockSeconds * 1000);
      const expiresAt = new Date(now.getTime() + this.options.retentionSeconds * 1000);
      if (await this.records.claim(scope, fingerprint, lockedUntil, expiresAt)) {
        return this.execute(scope, key, lockedUntil, handler);
      }
      const record = await this.records.find(scope);
      if (!record) continue; // purged between the two statements: claim again
      if (record.expiresAt <= now) {
        await this.records.deleteExpired(scope, now);
        continue;
      }
      if (record.fingerprint !== fingerprint) {
        throw new ApierError(
          'idempotency_key_reused',
          'This Idempotency-Key was used for a different request; use a new key for a new request',
        );
      }
      if (record.responseStatus !== null) return replay(record);
      if (record.lockedUntil && record.lockedUntil > now) throw inProgress(record.lockedUntil, now);
      if (await this.records.takeOver(scope, record.lockedUntil, lockedUntil)) {
        return this.execute(scope, key, lockedUntil, handler);
      }
    }
    throw inProgress(new Date(this.now().getTime() + 1_000), this.now());
  }

  private async execute(
    scope: IdempotencyScope,
    key: string,
    lockedUntil: Date,
    handler: (key: string) => Promise<HandlerResult>,
  ): Promise<IdempotentOutcome> {
    let result: HandlerResult;
    try {
      result = await handler(key);
    } catch (error) {
      if (error instanceof ApierError && isFinal(error)) {
        await this.store(scope, lockedUntil, ERROR_CODES[error.code].status, error.toBody());
      } else {
        await this.records
          .release(scope, lockedUntil)
          .catch((cause: unknown) =>
            this.options.logger.warn({ err: cause }, 'idempotency lock not released'),
          );
      }
      throw error;
    }
    await this.store(scope, lockedUntil, result.status, result.body);
    return { ...result, replayed: false };
  }

  /** The answer stands even when it cannot be stored; the lock then lapses and a retry re-runs. */
  private async store(
    scope: IdempotencyScope,
    lockedUntil: Date,
    status: number,
    body: unknown,
  ): Promise<void> {
    await this.records
      .complete(scope, lockedUntil, status, body)
      .catch((cause: unknown) => this.options.logger.warn({ err: cause }, 'idempotent answer not stored'));
  }

  private purgeInBackground(): void {
    const now = this.now();
    if (now.getTime() - this.lastPurge < PURGE_INTERVAL_MS) return;
    this.lastPurge = now.getTime();
    void this.records
      .purgeExpired(now)
      .catch((cause: unknown) => this.options.logger.warn({ err: cause }, 'idempotency sweep failed'));
  }
}

function isFinal(error: ApierError): boolean {
  const { status } = ERROR_CODES[error.code];
  return status >= 400 && status < 500 && !error.retryable;
}

function replay(record: IdempotencyRecordRow): IdempotentOutcome {
  const status = record.responseStatus!;
  if (status >= 400) {
    const stored = record.responseBody as unknown as ApierErrorBody;
    throw new ApierError(stored.code, stored.message, {
      retryable: stored.retryable,
      details: { ...(stored.details ?? {}), idempotent_replayed: true },
    });
  }
  return { status, body: record.responseBody, replayed: true };
}

function inProgress(lockedUntil: Date, now: Date): ApierError {
  const seconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  return new ApierError(
    'idempotency_request_in_progress',
    'A request with this Idempotency-Key is still being processed; retry it unchanged later',
    { details: { retry_after_seconds: Math.min(seconds, 5) } },
  );
}
