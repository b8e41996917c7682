import { z } from 'zod';
import { EVENTS } from '../messaging/subjects';
import { ActionStatusSchema } from './actions';

export const ACTION_EVENT_TYPES = [
  'action.queued',
  'action.submitted',
  'action.needs_confirmation',
  'action.failed',
  'action.dead_lettered',
] as const;
export type ActionEventType = (typeof ACTION_EVENT_TYPES)[number];

export const ACTION_EVENT_SUBJECTS: Record<ActionEventType, string> = {
  'action.queued': EVENTS.action.queued,
  'action.submitted': EVENTS.action.submitted,
  'action.needs_confirmation': EVENTS.action.needsConfirmation,
  'action.failed': EVENTS.action.failed,
  'action.dead_lettered': EVENTS.action.deadLettered,
};

/** `apier.events.action.<event>` on JetStream; `id` is the message id consumers dedupe on. Thin: ids and status. */
export const ActionEventSchema = z.object({
  id: z.uuid(),
  type: z.enum(ACTION_EVENT_TYPES),
  occurred_at: z.iso.datetime({ offset: true }),
  account_id: z.uuid(),
  action: z.object({
    id: z.uuid(),
    orgnr: z.string(),
    type: z.string(),
    status: ActionStatusSchema,
    step: z.string(),
    altinn_instance_id: z.string().nullable(),
  }),
});
export type ActionEvent = z.infer<typeof ActionEventSchema>;
