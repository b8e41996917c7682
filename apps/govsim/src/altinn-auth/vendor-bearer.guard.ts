import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AuthProblems, BearerRejected } from './altinn-problem';
import { AltinnTokenAuthority, scopesOf, vendorOrgnrOf } from './altinn-token-authority';

/** Any one of the listed scopes lets the caller through, as Altinn's scope policies do. */
export const RequiresScope = Reflector.createDecorator<readonly string[]>();

interface AuthenticatedRequest extends FastifyRequest {
  altinnVendorOrgnr?: string | null;
}

/** `Authorization: Bearer <jwt>` → the token, or null for anything else. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

/**
 * Authenticates the vendor APIs: a valid token from the fake Maskinporten or the fake Altinn
 * exchange (401 otherwise), carrying one of the route's scopes (403 otherwise), both without a body.
 */
@Injectable()
export class VendorBearerGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AltinnTokenAuthority,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);
    const verified = token ? await this.tokens.verify(token) : null;
    if (!verified) throw new BearerRejected(401);
    const required =
      this.reflector.getAllAndOverride(RequiresScope, [context.getHandler(), context.getClass()]) ?? [];
    const granted = scopesOf(verified.claims);
    if (required.length > 0 && !required.some((scope) => granted.has(scope))) throw new BearerRejected(403);
    request.altinnVendorOrgnr = vendorOrgnrOf(verified.claims);
    return true;
  }
}

/** The calling vendor's org number from the token's `consumer`; AUTH-00023 when the token has none. */
export const VendorOrgnr = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const orgnr = context.switchToHttp().getRequest<AuthenticatedRequest>().altinnVendorOrgnr;
  if (!orgnr) throw AuthProblems.vendorOrgNotFound();
  return orgnr;
});
