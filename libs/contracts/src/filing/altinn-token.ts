import { z } from 'zod';
import { OrgnrSchema } from '../orgnr/orgnr';

/**
 * Internal only (filing → auth-broker): an Altinn token for the account's System User of an org,
 * after a fresh delegation confirmation. Never crosses the gateway; never logged.
 */
export const SystemUserAltinnTokenRequestSchema = z.object({
  account_id: z.uuid(),
  orgnr: OrgnrSchema,
  access_packages: z.array(z.string()).min(1),
});
export type SystemUserAltinnTokenRequest = z.infer<typeof SystemUserAltinnTokenRequestSchema>;

export const SystemUserAltinnTokenSchema = z.object({
  access_token: z.string(),
  expires_at: z.iso.datetime({ offset: true }),
  system_user_id: z.string(),
});
export type SystemUserAltinnToken = z.infer<typeof SystemUserAltinnTokenSchema>;
