import { envBoolean, envPort, HttpServerConfigSchema, InfrastructureConfigSchema } from '@apier/platform';
import { z } from 'zod';

/**
 * The pepper used when API_KEY_PEPPER is unset. It is public (it is written here), so it is only
 * acceptable where nothing real is at stake: it is refused whenever APIER_ENVIRONMENT=live.
 */
export const TEST_ONLY_API_KEY_PEPPER = 'apier-test-only-api-key-pepper-never-use-in-live';

export const GatewayConfigSchema = InfrastructureConfigSchema.extend(HttpServerConfigSchema.shape)
  .extend({
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
    PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(120),
    READINESS_TIMEOUT_MS: z.coerce.number().int().min(50).max(10_000).default(1_000),
    APIER_ENVIRONMENT: z.enum(['test', 'live']).default('test').meta({
      description:
        'Which keys this deployment accepts: `test` takes only apier_test_ keys (govsim and test environments), `live` only apier_live_ keys',
    }),
    API_KEY_PEPPER: z.string().min(32).optional().meta({
      description:
        'Server-side secret mixed into every API key hash (HMAC-SHA256). Required when APIER_ENVIRONMENT=live; with `test` it defaults to a public, test-only value',
    }),
    APPROVER_COOKIE_SECURE: envBoolean.default(true).meta({
      description:
        'Whether the approver session cookie is `Secure` and named `__Host-apier_approver`. Only `APIER_ENVIRONMENT=test` may turn it off, for a browser on plain HTTP to a host other than localhost; the cookie is then `apier_approver`',
    }),
  })
  .superRefine((config, ctx) => {
    if (config.APIER_ENVIRONMENT !== 'live') return;
    if (!config.APPROVER_COOKIE_SECURE) {
      ctx.addIssue({
        code: 'custom',
        path: ['APPROVER_COOKIE_SECURE'],
        message: 'the approver session cookie must be Secure when APIER_ENVIRONMENT=live',
      });
    }
    if (!config.API_KEY_PEPPER || config.API_KEY_PEPPER === TEST_ONLY_API_KEY_PEPPER) {
      ctx.addIssue({
        code: 'custom',
        path: ['API_KEY_PEPPER'],
        message: 'a secret of at least 32 characters is required when APIER_ENVIRONMENT=live',
      });
    }
  });
export type GatewayConfig = z.infer<typeof GatewayConfigSchema>;

/** The pepper API keys are hashed with; the test-only default applies only outside `live`. */
export function apiKeyPepper(config: Pick<GatewayConfig, 'API_KEY_PEPPER'>): string {
  return config.API_KEY_PEPPER ?? TEST_ONLY_API_KEY_PEPPER;
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
