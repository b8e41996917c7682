import { ApierError } from '@apier/contracts';

/** Prisma's codes for "the database cannot be reached right now" (not for a wrong query). */
const PRISMA_UNREACHABLE = new Set(['P1001', 'P1002', 'P1017', 'P2024']);
/** Prisma driver-adapter error kinds for a lost or refused connection. */
const ADAPTER_UNREACHABLE = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout']);
/** SQLSTATE classes 08 (connection exception) and 57P (the server is shutting down or starting). */
const PG_UNAVAILABLE = /^(08|57P0[1-3])/;
const NETWORK_UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
/** ioredis without an offline queue, while its connection is down. */
const REDIS_OFFLINE = /Stream isn't writeable|Connection is closed|Reached the max retries per request/;

/**
 * Whether an error only says that Postgres or Redis is out of reach (restarting, failing over),
 * which is a retryable 503, not a bug: it walks the error's `cause` chain and Prisma's metadata.
 */
export function isBackingServiceUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const e = current as {
      code?: unknown;
      kind?: unknown;
      name?: unknown;
      message?: unknown;
      meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown } } };
      cause?: unknown;
    };
    const adapter = e.meta?.driverAdapterError?.cause;
    if (typeof e.code === 'string' && (PRISMA_UNREACHABLE.has(e.code) || NETWORK_UNREACHABLE.has(e.code)))
      return true;
    if (typeof adapter?.kind === 'string' && ADAPTER_UNREACHABLE.has(adapter.kind)) return true;
    if (typeof adapter?.code === 'string' && PG_UNAVAILABLE.test(adapter.code)) return true;
    if (typeof e.kind === 'string' && ADAPTER_UNREACHABLE.has(e.kind)) return true;
    if (e.name === 'MaxRetriesPerRequestError') return true;
    if (typeof e.message === 'string' && REDIS_OFFLINE.test(e.message)) return true;
    current = e.cause;
  }
  return false;
}

/** The typed answer for a backing service being out of reach: 503 `service_unavailable`, retryable. */
export function backingServiceUnavailable(cause: unknown): ApierError {
  return new ApierError('service_unavailable', 'A backing service is unavailable; try again shortly', {
    cause,
  });
}
