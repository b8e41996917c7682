import { z } from 'zod';
import { BindingActionTypeSchema } from '../company/binding-actions';
import { OrgnrSchema } from '../orgnr/orgnr';

/** The mva-melding as the official XML, at most this many bytes (the largest real ones are far smaller). */
export const MAX_MVA_MELDING_BYTES = 512 * 1024;

/**
 * `POST /api/v1/actions/execute` body. `payload` is the official mva-melding XML; the service
 * hashes the canonical JSON of `{type, orgnr, payload}` (RFC 8785) and every approval binds to it.
 */
export const ExecuteActionBodySchema = z
  .strictObject({
    type: BindingActionTypeSchema,
    orgnr: OrgnrSchema,
    payload: z
      .string()
      .min(1)
      .max(MAX_MVA_MELDING_BYTES)
      // a lone surrogate (JSON's `\ud800`) is no Unicode text: RFC 8785 cannot hash it, XML cannot hold it
      .refine((text) => !/\p{Surrogate}/u.test(text), 'The payload contains a lone UTF-16 surrogate'),
  })
  .meta({ id: 'ExecuteActionBody' });
export type ExecuteActionBody = z.infer<typeof ExecuteActionBodySchema>;

export const PREFLIGHT_CHECK_IDS = [
  'company_exists',
  'system_user_authorised',
  'scopes_delegated',
  'payload_valid',
  'deadline_window',
] as const;
export type PreflightCheckId = (typeof PREFLIGHT_CHECK_IDS)[number];

export const PreflightCheckSchema = z
  .object({
    check: z.enum(PREFLIGHT_CHECK_IDS),
    status: z.enum(['pass', 'fail', 'warn']),
    /** Machine-readable reason, e.g. `company_bankrupt`, `delegation_revoked`, `late_filing`. */
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'PreflightCheck' });
export type PreflightCheck = z.infer<typeof PreflightCheckSchema>;

export const ApprovalRequestRefSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['pending', 'approved', 'consumed', 'expired']),
    expires_at: z.iso.datetime({ offset: true }),
    /** The page where an approver of the account reviews and approves it. */
    approve_url: z.string(),
  })
  .meta({ id: 'ApprovalRequestRef' });
export type ApprovalRequestRef = z.infer<typeof ApprovalRequestRefSchema>;

export const DryRunResultSchema = z
  .object({
    dry_run: z.literal(true),
    sandbox: z.boolean(),
    type: BindingActionTypeSchema,
    orgnr: z.string(),
    payload_hash: z.string().length(64),
    /** `ready`: no check failed; `blocked`: at least one did. Warnings never block. */
    outcome: z.enum(['ready', 'blocked']),
    checks: z.array(PreflightCheckSchema).length(PREFLIGHT_CHECK_IDS.length),
    /** Created only when the outcome is `ready` and not in the sandbox. */
    approval_request: ApprovalRequestRefSchema.nullable(),
  })
  .meta({ id: 'DryRunResult' });
export type DryRunResult = z.infer<typeof DryRunResultSchema>;

/** The NATS request behind both the dry run and the live call. */
export const ExecuteActionRequestSchema = z.object({
  account_id: z.uuid().nullable(),
  sandbox: z.boolean(),
  body: ExecuteActionBodySchema,
});
export type ExecuteActionRequest = z.infer<typeof ExecuteActionRequestSchema>;

export const LiveExecuteRequestSchema = z.object({
  account_id: z.uuid(),
  idempotency_key: z.string(),
  approval_token: z.string(),
  body: ExecuteActionBodySchema,
});
export type LiveExecuteRequest = z.infer<typeof LiveExecuteRequestSchema>;
