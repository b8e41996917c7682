import type { Operation } from '../openapi/operation';

/** Documents the 429 that PublicRateLimitGuard can answer on every zero-auth operation. */
export function withPublicRateLimit(operations: Operation[]): Operation[] {
  return operations.map((op) => ({
    ...op,
    responses: {
      ...op.responses,
      429: {
        description:
          'Too many requests from this address; `Retry-After`, `RateLimit` and `RateLimit-Policy` say when to retry',
        problem: true,
      },
    },
  }));
}
