import { z } from 'zod';
import { ApierErrorSchema } from '../errors/apier-error';

/** Reply envelope for every request/reply subject: a typed result or a typed error, never both. */
export function replySchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: ApierErrorSchema }),
  ]);
}

export const HealthReplySchema = z.object({
  service: z.string(),
  status: z.enum(['ok', 'degraded']),
  checks: z.record(z.string(), z.enum(['ok', 'failing'])),
});
export type HealthReply = z.infer<typeof HealthReplySchema>;
