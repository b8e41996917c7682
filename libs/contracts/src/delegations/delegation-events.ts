import { z } from 'zod';
import { EVENTS } from '../messaging/subjects';
import { DelegationStatusSchema } from './delegation';

export const DELEGATION_EVENT_TYPES = [
  'delegation.activated',
  'delegation.rejected',
  'delegation.expired',
  'delegation.revoked',
] as const;
export type DelegationEventType = (typeof DELEGATION_EVENT_TYPES)[number];

/** The event each status change publishes (a delegation only ever leaves `pending` or `active`). */
export const DELEGATION_EVENT_FOR_STATUS = {
  active: 'delegation.activated',
  rejected: 'delegation.rejected',
  expired: 'delegation.expired',
  revoked: 'delegation.revoked',
} as const satisfies Record<string, DelegationEventType>;

export const DELEGATION_EVENT_SUBJECTS: Record<DelegationEventType, string> = {
  'delegation.activated': EVENTS.delegation.activated,
  'delegation.rejected': EVENTS.delegation.rejected,
  'delegation.expired': EVENTS.delegation.expired,
  'delegation.revoked': EVENTS.delegation.revoked,
};

/**
 * `apier.events.delegation.<event>` on JetStream, at least once: consumers dedupe on `id`, which
 * is also the message's `Nats-Msg-Id`. Carries no token and nothing of another account.
 */
export const DelegationEventSchema = z.object({
  id: z.uuid(),
  type: z.enum(DELEGATION_EVENT_TYPES),
  occurred_at: z.iso.datetime({ offset: true }),
  account_id: z.uuid(),
  delegation: z.object({
    id: z.uuid(),
    orgnr: z.string(),
    status: DelegationStatusSchema,
    access_packages: z.array(z.string()),
    system_user_id: z.string().nullable(),
  }),
});
export type DelegationEvent = z.infer<typeof DelegationEventSchema>;
