import { z } from 'zod';
import { BindingActionTypeSchema } from '../company/binding-actions';
import { SignedReceiptSchema } from './receipts';

export const ACTION_STATUSES = [
  'queued',
  'running',
  'needs_confirmation',
  'submitted',
  'failed',
  'dead_lettered',
] as const;
export const ActionStatusSchema = z.enum(ACTION_STATUSES).meta({ id: 'ActionStatus' });
export type ActionStatus = z.infer<typeof ActionStatusSchema>;

/** Pipeline steps in order; each persists its result before the next starts. */
export const PIPELINE_STEPS = [
  'accepted',
  'token',
  'create_instance',
  'upload_envelope',
  'upload_melding',
  'validate',
  'complete_process',
  'await_feedback',
  'receipt',
  'done',
] as const;
export const PipelineStepSchema = z.enum(PIPELINE_STEPS).meta({ id: 'PipelineStep' });
export type PipelineStep = z.infer<typeof PipelineStepSchema>;

export const ActionErrorSchema = z
  .object({ code: z.string(), message: z.string(), retryable: z.boolean(), step: z.string() })
  .meta({ id: 'ActionError' });
export type ActionError = z.infer<typeof ActionErrorSchema>;

export const ActionHistoryEntrySchema = z
  .object({
    type: z.string(),
    status: ActionStatusSchema,
    step: z.string(),
    at: z.iso.datetime({ offset: true }),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'ActionHistoryEntry' });

export const ActionViewSchema = z
  .object({
    id: z.uuid(),
    type: BindingActionTypeSchema,
    orgnr: z.string(),
    status: ActionStatusSchema,
    step: z.string(),
    payload_hash: z.string().length(64),
    attempts: z.number().int(),
    altinn_instance_id: z.string().nullable(),
    feedback_reference: z.string().nullable(),
    /** Set when Altinn waits for a person to confirm the submission in the Altinn inbox. */
    confirm_url: z.string().nullable(),
    error: ActionErrorSchema.nullable(),
    created_at: z.iso.datetime({ offset: true }),
    updated_at: z.iso.datetime({ offset: true }),
    completed_at: z.iso.datetime({ offset: true }).nullable(),
    history: z.array(ActionHistoryEntrySchema),
    receipt: SignedReceiptSchema.nullable(),
  })
  .meta({ id: 'Action' });
export type ActionView = z.infer<typeof ActionViewSchema>;

export const AcceptedActionSchema = z
  .object({
    action_id: z.uuid(),
    status: ActionStatusSchema,
    status_url: z.string(),
  })
  .meta({ id: 'AcceptedAction' });
export type AcceptedAction = z.infer<typeof AcceptedActionSchema>;

export const GetActionRequestSchema = z.object({ account_id: z.uuid(), action_id: z.uuid() });
export type GetActionRequest = z.infer<typeof GetActionRequestSchema>;
