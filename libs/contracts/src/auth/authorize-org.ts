import { z } from 'zod';
import { OrgnrSchema } from '../orgnr/orgnr';

/**
 * Asks the auth-broker whether Apier can act for an organisation now: it obtains (or reuses) a
 * System User token for the org and scopes. The reply never contains the token itself.
 */
export const AuthorizeOrgRequestSchema = z.object({
  orgnr: OrgnrSchema,
  scopes: z.array(z.string().min(1).max(200)).min(1).max(20),
  /** Binding actions skip the cache so a revoked delegation cannot hide behind a cached token. */
  fresh: z.boolean().default(false),
});
export type AuthorizeOrgRequest = z.input<typeof AuthorizeOrgRequestSchema>;

export const AuthorizeOrgReplySchema = z.object({
  orgnr: z.string(),
  authorized: z.literal(true),
  scopes: z.array(z.string()),
  confirmed_at: z.iso.datetime({ offset: true }),
  /** Until when this confirmation may be relied on (the cached token's usable lifetime). */
  valid_until: z.iso.datetime({ offset: true }),
  source: z.enum(['maskinporten', 'cache']),
});
export type AuthorizeOrgReply = z.infer<typeof AuthorizeOrgReplySchema>;
