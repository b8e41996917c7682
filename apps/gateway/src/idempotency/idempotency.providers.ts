import type { PrismaClient } from '@apier/db';
import type { AppLogger } from '@apier/platform';
import type { Provider } from '@nestjs/common';
import type { GatewayConfig } from '../config';
import { PRISMA } from '../gateway.tokens';
import { IdempotencyRecords } from './idempotency-records';
import { IDEMPOTENCY_RETENTION_SECONDS, IdempotencyService } from './idempotency.service';

/**
 * The Idempotency-Key store. A key's lock outlives the longest a handler may wait for a service
 * (three NATS request timeouts, at least 30 s), so a live request is never overtaken by its retry.
 */
export function idempotencyProviders(config: GatewayConfig, logger: AppLogger): Provider[] {
  return [
    {
      provide: IdempotencyService,
      inject: [PRISMA],
      useFactory: (prisma: PrismaClient) =>
        new IdempotencyService(new IdempotencyRecords(prisma), {
          lockSeconds: Math.max(30, Math.ceil((3 * config.NATS_REQUEST_TIMEOUT_MS) / 1000)),
          retentionSeconds: IDEMPOTENCY_RETENTION_SECONDS,
          logger,
        }),
    },
  ];
}
