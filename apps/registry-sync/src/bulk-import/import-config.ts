import { envUrl, InfrastructureConfigSchema } from '@apier/platform';
import type { z } from 'zod';

/** What the import CLI reads from the environment: the database, and Brreg's base for provenance. */
export const ImportConfigSchema = InfrastructureConfigSchema.pick({
  DATABASE_URL: true,
  DATABASE_SCHEMA: true,
}).extend({
  BRREG_BASE_URL: envUrl.default('http://127.0.0.1:4000/enhetsregisteret/api'),
});
export type ImportConfig = z.infer<typeof ImportConfigSchema>;
