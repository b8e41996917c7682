import { ApierError } from '@apier/contracts';
import { currentTrace } from '@apier/platform';
import {
  applyDecorators,
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Inject,
  Injectable,
  UseGuards,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { ApproverIdentity } from './approver-identity';
import { ApproverCookie } from './approver-cookie';
import { ApproverSessions } from './approver-sessions';
import { APPROVER_PUBLIC_ORIGIN } from './approvals.tokens';
import { assertSameOrigin } from './same-origin';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const identities = new WeakMap<object, ApproverIdentity>();

/**
 * Approver routes authenticate with the session cookie only: an API key (`Authorization`) is
 * ignored here, so no API key can approve anything. Unsafe methods must also pass the same-origin
 * check and carry the session's CSRF token (`X-CSRF-Token`, or a `csrf_token` form field).
 */
@Injectable()
export class ApproverSessionGuard implements CanActivate {
  constructor(
    private readonly sessions: ApproverSessions,
    private readonly cookie: ApproverCookie,
    @Inject(APPROVER_PUBLIC_ORIGIN) private readonly publicOrigin: string,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const identity = await this.sessions.resolve(this.cookie.read(request.headers.cookie));
    if (!identity)
      throw new ApierError('approver_unauthenticated', 'Sign in as an approver at /approvals/login');
    const trace = currentTrace();
    if (trace) trace.accountId = identity.accountId;
    if (!SAFE_METHODS.has(request.method)) {
      assertSameOrigin(request.headers, this.publicOrigin);
      const form = request.body as Record<string, unknown> | undefined;
      this.sessions.checkCsrf(identity, request.headers['x-csrf-token'] ?? form?.['csrf_token']);
    }
    identities.set(request, identity);
    return true;
  }
}

/** Marks a route as needing a signed-in approver (session cookie, plus CSRF on unsafe methods). */
export function ApproverSession(): MethodDecorator & ClassDecorator {
  return applyDecorators(UseGuards(ApproverSessionGuard));
}

/** The signed-in approver of an `@ApproverSession()` route. */
export const Approver = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ApproverIdentity => {
    const identity = identities.get(context.switchToHttp().getRequest<object>());
    if (!identity) throw new Error('@Approver() needs @ApproverSession() on the same route');
    return identity;
  },
);
