import { z } from 'zod';
import { envPort } from './load-config';

/** Settings every service shares: where Postgres, Redis and NATS live and how to isolate a run. */
export const InfrastructureConfigSchema = z.object({
  DATABASE_URL: z.string().startsWith('postgres').default('postgresql://postgres@127.0.0.1:5432/apier'),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/)
    .default('public'),
  REDIS_URL: z.string().startsWith('redis').default('redis://127.0.0.1:6379'),
  REDIS_KEY_PREFIX: z.string().default('apier:'),
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  NATS_SUBJECT_PREFIX: z
    .string()
    .regex(/^([a-z0-9_-]+\.)?$/, 'empty, or a lower-case token followed by a dot')
    .default(''),
  NATS_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type InfrastructureConfig = z.infer<typeof InfrastructureConfigSchema>;

export const HttpServerConfigSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: envPort,
});
