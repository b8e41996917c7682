import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiKeyGuard, AUTHENTICATED, type AuthenticatedOptions } from './api-key.guard';

/** Marks a route (or a controller) as needing an API key, and optionally one scope. */
export function Authenticated(options: AuthenticatedOptions = {}): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(AUTHENTICATED, options), UseGuards(ApiKeyGuard));
}
