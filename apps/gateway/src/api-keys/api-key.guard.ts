import { currentTrace } from '@apier/platform';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { type ApiKeyScope, requireScope } from './api-key-scopes';
import { ApiKeyService } from './api-key.service';
import type { Caller } from './caller';

export const AUTHENTICATED = 'apier:authenticated';

export interface AuthenticatedOptions {
  /** The scope the key must carry; without one any valid key of this environment will do. */
  scope?: ApiKeyScope;
}

const callers = new WeakMap<object, Caller>();

/** The caller the guard authenticated for this request, if it ran. */
export function callerOf(request: object): Caller | undefined {
  return callers.get(request);
}

/**
 * Checks `Authorization: Bearer apier_…` before the handler runs. The account goes into the
 * request's trace context, so log lines and NATS calls made for this request carry it.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly apiKeys: ApiKeyService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const caller = await this.apiKeys.authenticate(request.headers.authorization);
    const trace = currentTrace();
    if (trace) trace.accountId = caller.accountId;
    const options = this.reflector.getAllAndOverride<AuthenticatedOptions | undefined>(AUTHENTICATED, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (options?.scope) requireScope(caller.scopes, options.scope);
    callers.set(request, caller);
    return true;
  }
}
