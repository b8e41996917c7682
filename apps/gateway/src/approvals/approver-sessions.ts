import { ApierError } from '@apier/contracts';
import type { AppLogger } from '@apier/platform';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FixedWindowLimiter } from '../rate-limit/fixed-window-limiter';
import type { ApproverIdentity } from './approver-identity';
import { MAX_PASSWORD_LENGTH, verifyPassword } from './approver-password';
import type { ApproverRepository } from './approver.repository';
import { generateSessionToken, hashSessionToken, isWellFormedSessionToken } from './approver-session-token';

export const SESSION_TTL_SECONDS = 8 * 60 * 60;

export interface SignIn {
  email: string;
  password: string;
  /** Only needed when one email approves for several accounts with one password. */
  accountId?: string;
  /** The client address, for the per address and email rate limit. */
  address: string;
}

export interface SignedIn {
  /** The cookie value. Returned here once; only its hash is stored. */
  token: string;
  identity: ApproverIdentity;
  csrfToken: string;
}

export interface ApproverSessionsOptions {
  repository: ApproverRepository;
  limiter: FixedWindowLimiter;
  /** Server secret the CSRF tokens are keyed with (derived from API_KEY_PEPPER). */
  csrfSecret: string;
  /** Verified when no approver has the email, so timing does not tell which emails exist. */
  dummyPasswordHash: Promise<string>;
  logger: AppLogger;
  now?: () => Date;
}

const GENERIC_REFUSAL = 'The email address or the password is not correct';

/**
 * Approver sign-in and sessions. Sign-in answers one generic refusal for an unknown email, a
 * wrong password, a disabled approver or account alike, and is rate-limited per client address
 * and email. A session lives SESSION_TTL_SECONDS (8 h) or until sign-out.
 *
 * CSRF: the synchronizer token of a session is HMAC-SHA256(secret, session id) — the session id
 * is never shown, so the token cannot be computed without the server's secret, and it changes with
 * every session. Every unsafe request carries it (form field or `X-CSRF-Token`).
 */
export class ApproverSessions {
  private readonly now: () => Date;
  private readonly csrfKey: Buffer;

  constructor(private readonly options: ApproverSessionsOptions) {
    this.now = options.now ?? (() => new Date());
    this.csrfKey = createHmac('sha256', options.csrfSecret).update('apier approver csrf v1').digest();
  }

  async signIn(request: SignIn): Promise<SignedIn> {
    const email = request.email.trim().toLowerCase();
    await this.limit(request.address, email);
    const candidates =
      email.length > 0 && email.length <= 254 && request.password.length <= MAX_PASSWORD_LENGTH
        ? await this.options.repository.findSignInCandidates(email, request.accountId)
        : [];
    const checks = await Promise.all(
      (candidates.length > 0 ? candidates : [null]).map(async (approver) => ({
        approver,
        ok: await verifyPassword(
          request.password,
          approver?.passwordHash ?? (await this.options.dummyPasswordHash),
        ),
      })),
    );
    const matched = checks.filter((c) => c.ok && c.approver).map((c) => c.approver!);
    if (matched.length !== 1) {
      this.options.logger.info(
        { candidates: candidates.length, matched: matched.length },
        'approver sign-in refused',
      );
      throw new ApierError('approver_sign_in_failed', GENERIC_REFUSAL);
    }
    const approver = matched[0]!;
    const token = generateSessionToken();
    const at = this.now();
    const expiresAt = new Date(at.getTime() + SESSION_TTL_SECONDS * 1000);
    const session = await this.options.repository.createSession(
      approver,
      hashSessionToken(token),
      expiresAt,
      at,
    );
    const identity: ApproverIdentity = {
      sessionId: session.id,
      approverId: approver.id,
      accountId: approver.accountId,
      email: approver.email,
      displayName: approver.displayName,
      expiresAt,
    };
    return { token, identity, csrfToken: this.csrfTokenFor(identity) };
  }

  /** The cookie value → the live session's approver, or null. */
  async resolve(token: string | undefined): Promise<ApproverIdentity | null> {
    if (!token || !isWellFormedSessionToken(token)) return null;
    const session = await this.options.repository.findLiveSession(hashSessionToken(token), this.now());
    if (!session) return null;
    return {
      sessionId: session.id,
      approverId: session.approverId,
      accountId: session.approver.accountId,
      email: session.approver.email,
      displayName: session.approver.displayName,
      expiresAt: session.expiresAt,
    };
  }

  async signOut(token: string | undefined): Promise<void> {
    if (token && isWellFormedSessionToken(token)) {
      await this.options.repository.revokeSession(hashSessionToken(token), this.now());
    }
  }

  csrfTokenFor(identity: Pick<ApproverIdentity, 'sessionId'>): string {
    return createHmac('sha256', this.csrfKey).update(identity.sessionId).digest('base64url');
  }

  /** Throws `csrf_rejected` unless `presented` is this session's token; constant-time. */
  checkCsrf(identity: ApproverIdentity, presented: unknown): void {
    const expected = Buffer.from(this.csrfTokenFor(identity));
    const actual = Buffer.from(typeof presented === 'string' ? presented : '');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
      throw new ApierError(
        'csrf_rejected',
        'The form or request lacks this session’s CSRF token; reload the page',
      );
    }
  }

  private async limit(address: string, email: string): Promise<void> {
    // The email is hashed so Redis never holds who tried to sign in.
    const partition = createHash('sha256').update(`${address}\n${email}`).digest('base64url').slice(0, 32);
    // Without a counter there is no brute-force protection, so sign-in fails closed.
    const state = await this.options.limiter.take(partition).catch((cause: unknown) => {
      throw new ApierError('service_unavailable', 'Sign-in is unavailable right now', { cause });
    });
    if (!state.allowed) {
      throw new ApierError('rate_limited', 'Too many sign-in attempts; wait before trying again', {
        details: { retry_after_seconds: state.resetSeconds },
      });
    }
  }
}
