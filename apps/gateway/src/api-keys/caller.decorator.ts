import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { callerOf } from './api-key.guard';
import type { Caller as AuthenticatedCaller } from './caller';

export type Caller = AuthenticatedCaller;

/** The authenticated caller of an `@Authenticated()` route. */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = callerOf(context.switchToHttp().getRequest<object>());
  if (!caller) throw new Error('@Caller() needs @Authenticated() on the same route');
  return caller;
});
