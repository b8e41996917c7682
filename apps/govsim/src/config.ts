import { envPort, loadConfig } from '@apier/platform';
import { z } from 'zod';

export const GovsimConfigSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: envPort.default(4000),
  PUBLIC_BASE_URL: z
    .url()
    .optional()
    .meta({ description: 'Base of the self links govsim writes; defaults to http://HOST:PORT' }),
  GOVSIM_SEED: z.coerce.number().int().min(0).default(1),
  GOVSIM_COMPANIES: z.coerce.number().int().min(0).max(1_000_000).default(1_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type GovsimConfig = z.infer<typeof GovsimConfigSchema>;

export const loadGovsimConfig = () => loadConfig(GovsimConfigSchema);
