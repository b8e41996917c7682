import { envUrl, InfrastructureConfigSchema } from '@apier/platform';
import { z } from 'zod';

const GOVSIM = 'http://127.0.0.1:4000';

/** Upstream base URLs come in pairs: live ones and the sandbox ones (govsim in every deploy). */
export const RegistrySyncConfigSchema = InfrastructureConfigSchema.extend({
  BRREG_BASE_URL: envUrl.default(`${GOVSIM}/enhetsregisteret/api`),
  SKATTEETATEN_BASE_URL: envUrl.default(`${GOVSIM}/skatteetaten`),
  NAV_AAREG_BASE_URL: envUrl.default(`${GOVSIM}/nav/aareg`),
  SANDBOX_BRREG_BASE_URL: envUrl.default(`${GOVSIM}/enhetsregisteret/api`),
  SANDBOX_SKATTEETATEN_BASE_URL: envUrl.default(`${GOVSIM}/skatteetaten`),
  SANDBOX_NAV_AAREG_BASE_URL: envUrl.default(`${GOVSIM}/nav/aareg`),
  REGISTRY_FRESHNESS_SECONDS: z.coerce.number().int().min(0).default(3_600),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2_500),
});
export type RegistrySyncConfig = z.infer<typeof RegistrySyncConfigSchema>;

export const REGISTRY_SYNC_CONFIG = Symbol('REGISTRY_SYNC_CONFIG');
