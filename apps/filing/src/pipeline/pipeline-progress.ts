import { ApierError } from '@apier/contracts';
import { z } from 'zod';

/**
 * What each finished step left for the ones after it, stored in `actions.progress` before the
 * next step starts. Never a token: the token is asked for again on resume.
 */
export const PipelineProgressSchema = z.looseObject({
  token: z.object({ system_user_id: z.string(), obtained_at: z.string() }).optional(),
  /** Written just before the instance is created; with no `create_instance` beside it, an orphan may exist. */
  create_instance_intents: z.array(z.object({ at: z.string(), attempt: z.number() })).optional(),
  create_instance: z
    .object({
      instance_id: z.string(),
      party_id: z.string(),
      konvolutt_data_id: z.string(),
      created_at: z.string(),
    })
    .optional(),
  upload_envelope: z.object({ uploaded_at: z.string(), bytes: z.number(), skipped: z.boolean() }).optional(),
  upload_melding: z
    .object({ data_id: z.string(), uploaded_at: z.string(), reconciled: z.boolean() })
    .optional(),
  validate: z.object({ status: z.string(), deviations: z.number(), validated_at: z.string() }).optional(),
  complete_process: z
    .object({ delivered_at: z.string(), moves: z.number(), reconciled: z.boolean() })
    .optional(),
  await_feedback: z
    .object({
      feedback_at: z.string(),
      validation_status: z.string().nullable(),
      deviations: z.number(),
      innsendingsreferanse: z.string().nullable(),
      kid: z.string().nullable(),
      beloep: z.string().nullable(),
      betalingsfrist: z.string().nullable(),
    })
    .optional(),
});
export type PipelineProgress = z.infer<typeof PipelineProgressSchema>;

/**
 * Stored progress as the pipeline reads it. Unreadable progress is never taken as "nothing done
 * yet": starting over could file twice, so the action stops for an operator instead.
 */
export function readProgress(value: unknown): PipelineProgress {
  const parsed = PipelineProgressSchema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw new ApierError('internal', 'The action’s stored progress is unreadable', { retryable: false });
}
