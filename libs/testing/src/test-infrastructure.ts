import { InfrastructureConfigSchema, loadConfig } from '@apier/platform';
import { randomBytes } from 'node:crypto';

/**
 * Where the tests find Postgres, Redis and NATS: the URLs the jest global setup decided on
 * (containers when a Docker engine is reachable, otherwise the services already running).
 */
export function testInfrastructure() {
  const config = loadConfig(
    InfrastructureConfigSchema.pick({ DATABASE_URL: true, REDIS_URL: true, NATS_URL: true }),
    {
      DATABASE_URL: process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/apier_test',
      REDIS_URL: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      NATS_URL: process.env['TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222',
    },
  );
  return { databaseUrl: config.DATABASE_URL, redisUrl: config.REDIS_URL, natsUrl: config.NATS_URL };
}

/** A short random token that names one test run's schema, subject prefix and key prefix. */
export function runToken(): string {
  return `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}
