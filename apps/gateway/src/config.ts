import { envPort, HttpServerConfigSchema, InfrastructureConfigSchema } from '@apier/platform';
import { z } from 'zod';

export const GatewayConfigSchema = InfrastructureConfigSchema.extend(HttpServerConfigSchema.shape).extend({
  PORT: envPort.default(3000),
  PUBLIC_BASE_URL: z
    .url()
    .optional()
    .meta({ description: 'How clients reach the gateway; defaults to http://HOST:PORT' }),
  PROBLEM_TYPE_BASE_URL: z.url().default('https://docs.apier.no/problems/'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(10 * 1024 * 1024)
    .default(1024 * 1024),
  READINESS_TIMEOUT_MS: z.coerce.number().int().min(50).max(10_000).default(1_000),
});
export type GatewayConfig = z.infer<typeof GatewayConfigSchema>;

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
