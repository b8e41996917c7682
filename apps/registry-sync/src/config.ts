import { envUrl, InfrastructureConfigSchema } from '@apier/platform';
import { z } from 'zod';

const GOVSIM = 'http://127.0.0.1:4000';
const FEED_DATO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const seconds = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);
const perSecond = (fallback: number) => z.coerce.number().positive().max(10_000).default(fallback);

/** Upstream base URLs come in pairs: live ones and the sandbox ones (govsim in every deploy). */
export const RegistrySyncConfigSchema = InfrastructureConfigSchema.extend({
  BRREG_BASE_URL: envUrl.default(`${GOVSIM}/enhetsregisteret/api`),
  SKATTEETATEN_BASE_URL: envUrl.default(`${GOVSIM}/skatteetaten`),
  NAV_AAREG_BASE_URL: envUrl.default(`${GOVSIM}/nav/aareg`),
  SANDBOX_BRREG_BASE_URL: envUrl.default(`${GOVSIM}/enhetsregisteret/api`),
  SANDBOX_SKATTEETATEN_BASE_URL: envUrl.default(`${GOVSIM}/skatteetaten`),
  SANDBOX_NAV_AAREG_BASE_URL: envUrl.default(`${GOVSIM}/nav/aareg`),
  REGISTRY_FRESHNESS_SECONDS: seconds(3_600, 0),
  REGISTRY_MAX_AGE_SECONDS: seconds(86_400, 0),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2_500),
  REGISTRY_FEED_POLL_SECONDS: seconds(60),
  REGISTRY_FEED_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  REGISTRY_FEED_START: z
    .union([z.literal('now'), z.string().regex(FEED_DATO, "'now' or yyyy-MM-ddTHH:mm:ss.SSSZ")])
    .default('now'),
  REGISTRY_SWEEP_SECONDS: seconds(300),
  REGISTRY_SWEEP_BATCH: z.coerce.number().int().min(1).max(100_000).default(500),
  REGISTRY_REFRESH_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  REGISTRY_REFRESH_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  REGISTRY_REFRESH_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(2_000),
  BRREG_RATE_LIMIT_PER_SECOND: perSecond(20),
  SKATTEETATEN_RATE_LIMIT_PER_SECOND: perSecond(5),
  NAV_RATE_LIMIT_PER_SECOND: perSecond(5),
}).refine((c) => c.REGISTRY_MAX_AGE_SECONDS >= c.REGISTRY_FRESHNESS_SECONDS, {
  message: 'must be at least REGISTRY_FRESHNESS_SECONDS',
  path: ['REGISTRY_MAX_AGE_SECONDS'],
});
export type RegistrySyncConfig = z.infer<typeof RegistrySyncConfigSchema>;

export const REGISTRY_SYNC_CONFIG = Symbol('REGISTRY_SYNC_CONFIG');
