import { envUrl, InfrastructureConfigSchema } from '@apier/platform';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { MAX_GRANT_LIFETIME_SECONDS } from './maskinporten/jwt-grant';
import { SigningKeysSchema } from './maskinporten/signing-keys';

const jsonKeys = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON array of {kid, pem | pem_file | jwk}' });
    return z.NEVER;
  }
});

export const AuthBrokerConfigSchema = InfrastructureConfigSchema.extend({
  MASKINPORTEN_ISSUER: envUrl.default('http://127.0.0.1:4000/maskinporten/'),
  MASKINPORTEN_CLIENT_ID: z.string().min(1).default('apier-local'),
  /** JSON array, newest key first; or MASKINPORTEN_KEYS_FILE naming a file with the same JSON. */
  MASKINPORTEN_KEYS: jsonKeys.pipe(SigningKeysSchema).optional(),
  MASKINPORTEN_KEYS_FILE: z.string().optional(),
  MASKINPORTEN_GRANT_LIFETIME_SECONDS: z.coerce
    .number()
    .int()
    .min(10)
    .max(MAX_GRANT_LIFETIME_SECONDS)
    .default(60),
  MASKINPORTEN_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3_000),
  TOKEN_CACHE_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
    .optional()
    .meta({ description: 'AES-256-GCM key for tokens at rest in Redis; shared by all replicas' }),
  TOKEN_CACHE_MAX_TTL_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
  TOKEN_REFRESH_MARGIN_SECONDS: z.coerce.number().int().min(0).max(300).default(15),
  APIER_ENVIRONMENT: z.enum(['test', 'live']).default('test'),
  APIER_VENDOR_ORGNR: z
    .string()
    .regex(/^\d{9}$/)
    .default('310000000'),
  /** Scopes the client holds; a dev registration with govsim registers exactly these. */
  MASKINPORTEN_SCOPES: z
    .string()
    .default(
      'nav:aareg/v1/arbeidsforhold altinn:instances.read altinn:instances.write skatteetaten:mvameldingvalidering altinn:authentication/systemregister.write altinn:authentication/systemuser.request.write altinn:authentication/systemuser.request.read',
    )
    .transform((v) => v.split(/\s+/).filter(Boolean)),
  /**
   * Test environments only: with no key configured, make an ephemeral key at start and register
   * the client with govsim's control API here (Digdir's self-service does this for real clients).
   */
  GOVSIM_CONTROL_URL: envUrl.optional(),
  /** Altinn 3 platform (authentication API under /authentication/api/v1); govsim by default. */
  ALTINN_PLATFORM_URL: envUrl.default('http://127.0.0.1:4000'),
  ALTINN_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3_000),
  /** Access packages Apier's system in the Altinn system register offers; requests pick from these. */
  ALTINN_SYSTEM_ACCESS_PACKAGES: z
    .string()
    .default('urn:altinn:accesspackage:merverdiavgift urn:altinn:accesspackage:skatt-naering')
    .transform((v) => v.split(/\s+/).filter(Boolean))
    .pipe(z.array(z.string().regex(/^urn:altinn:accesspackage:[a-z0-9-]+$/)).min(1)),
  /** How old Altinn's last word on an active delegation may be before a binding check asks again. */
  DELEGATION_FRESHNESS_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /** Interval of the reconciler's sweep over pending and active delegations. */
  DELEGATION_RECONCILE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** Scopes of the System User token a confirmation obtains (must be among MASKINPORTEN_SCOPES). */
  DELEGATION_CONFIRM_SCOPES: z
    .string()
    .default('altinn:instances.read')
    .transform((v) => v.split(/\s+/).filter(Boolean))
    .pipe(z.array(z.string()).min(1)),
  /** Scopes of the System User token exchanged for the filing pipeline's Altinn token. */
  SYSTEM_USER_ALTINN_SCOPES: z
    .string()
    .default('altinn:instances.read altinn:instances.write skatteetaten:mvameldingvalidering')
    .transform((v) => v.split(/\s+/).filter(Boolean))
    .pipe(z.array(z.string()).min(1)),
}).transform((config, ctx) => {
  const keys =
    config.MASKINPORTEN_KEYS ??
    (config.MASKINPORTEN_KEYS_FILE ? readKeysFile(config.MASKINPORTEN_KEYS_FILE, ctx) : undefined);
  const devRegistration =
    !keys && config.GOVSIM_CONTROL_URL !== undefined && config.APIER_ENVIRONMENT === 'test';
  if (!keys && !devRegistration) {
    ctx.addIssue({
      code: 'custom',
      path: ['MASKINPORTEN_KEYS'],
      message:
        'set MASKINPORTEN_KEYS or MASKINPORTEN_KEYS_FILE (or GOVSIM_CONTROL_URL in a test environment)',
    });
    return z.NEVER;
  }
  if (!config.TOKEN_CACHE_ENCRYPTION_KEY && config.APIER_ENVIRONMENT === 'live') {
    ctx.addIssue({
      code: 'custom',
      path: ['TOKEN_CACHE_ENCRYPTION_KEY'],
      message: 'required when APIER_ENVIRONMENT=live',
    });
    return z.NEVER;
  }
  return {
    ...config,
    maskinportenKeys: keys ?? null,
    // In a test environment without a configured key each process seals with its own random key,
    // so replicas do not share cached tokens; live deployments must configure one.
    tokenCacheKey: config.TOKEN_CACHE_ENCRYPTION_KEY
      ? Buffer.from(config.TOKEN_CACHE_ENCRYPTION_KEY, 'base64')
      : randomBytes(32),
  };
});
export type AuthBrokerConfig = z.infer<typeof AuthBrokerConfigSchema>;

function readKeysFile(path: string, ctx: z.RefinementCtx) {
  try {
    const parsed = SigningKeysSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (parsed.success) return parsed.data;
    ctx.addIssue({
      code: 'custom',
      path: ['MASKINPORTEN_KEYS_FILE'],
      message: parsed.error.issues[0]?.message ?? 'invalid keys',
    });
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      path: ['MASKINPORTEN_KEYS_FILE'],
      message: `cannot read ${path}: ${(error as Error).message}`,
    });
  }
  return undefined;
}
