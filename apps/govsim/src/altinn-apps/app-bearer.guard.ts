import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AltinnTokenAuthority, scopesOf } from '../altinn-auth/altinn-token-authority';
import { bearerToken } from '../altinn-auth/vendor-bearer.guard';
import { AppRefusal } from './app-refusal';

/** The Altinn scopes that replace `skatteetaten:mvameldinginnsending` for app instances. */
export const INSTANCE_SCOPES = {
  read: 'altinn:instances.read',
  write: 'altinn:instances.write',
} as const;

/** `write` for anything that changes an instance; `read` (or write) for looking. */
export const RequiresInstanceAccess = Reflector.createDecorator<'read' | 'write'>();

/** Who is calling the app: the System User the exchanged Altinn token carries, if any. */
export interface AppCaller {
  systemUserId: string | null;
  /** What Altinn writes in createdBy/lastChangedBy. */
  actor: string;
}

interface AppRequest extends FastifyRequest {
  altinnAppCaller?: AppCaller;
}

/**
 * Apps take only Altinn tokens (a Maskinporten token must be exchanged first): 401 without body
 * for a missing, forged, expired or foreign token, 403 ProblemDetails when the scope is missing.
 */
@Injectable()
export class AppBearerGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AltinnTokenAuthority,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AppRequest>();
    const token = bearerToken(request.headers.authorization);
    const verified = token ? await this.tokens.verify(token) : null;
    if (!verified || verified.issuedBy !== 'altinn') throw AppRefusal.unauthorized();
    const access = this.reflector.get(RequiresInstanceAccess, context.getHandler()) ?? 'write';
    const scopes = scopesOf(verified.claims);
    const allowed =
      scopes.has(INSTANCE_SCOPES.write) || (access === 'read' && scopes.has(INSTANCE_SCOPES.read));
    if (!allowed) throw AppRefusal.forbidden();
    const systemUserId = systemUserIdOf(verified.claims['authorization_details']);
    const orgNumber = verified.claims['urn:altinn:orgNumber'];
    request.altinnAppCaller = {
      systemUserId,
      actor: systemUserId ?? (typeof orgNumber === 'string' ? orgNumber : 'unknown'),
    };
    return true;
  }
}

function systemUserIdOf(details: unknown): string | null {
  if (!Array.isArray(details)) return null;
  const entry = details.find(
    (d): d is Record<string, unknown> =>
      typeof d === 'object' &&
      d !== null &&
      (d as Record<string, unknown>)['type'] === 'urn:altinn:systemuser',
  );
  const ids = entry?.['systemuser_id'];
  return Array.isArray(ids) && typeof ids[0] === 'string' ? ids[0] : null;
}

export const Caller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AppCaller =>
    context.switchToHttp().getRequest<AppRequest>().altinnAppCaller!,
);
