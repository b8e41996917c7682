import { Redis } from 'ioredis';
import type { AppLogger } from '../logging/logger';

/**
 * A Redis client that fails fast instead of queueing while disconnected, connected before it is
 * handed out: without the offline queue, a command sent while the connection is still opening
 * would fail at once. A Redis that is down now is logged, not fatal; readiness reports it.
 */
export async function connectRedis(
  url: string,
  logger: AppLogger,
  options: { keyPrefix?: string } = {},
): Promise<Redis> {
  const redis = new Redis(url, {
    ...(options.keyPrefix ? { keyPrefix: options.keyPrefix } : {}),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: true,
  });
  await redis
    .connect()
    .catch((error: unknown) => logger.warn({ err: error }, 'Redis not reachable at start'));
  return redis;
}
