import { z } from 'zod';
import { BindingActionTypeSchema } from '../company/binding-actions';
import { PreflightCheckSchema } from './execute-action';

/** What an approver sees before approving: the bound payload hash and a human summary of it. */
export const ApprovalRequestViewSchema = z
  .object({
    id: z.uuid(),
    orgnr: z.string(),
    action_type: BindingActionTypeSchema,
    payload_hash: z.string().length(64),
    status: z.enum(['pending', 'approved', 'consumed', 'expired']),
    summary: z.record(z.string(), z.unknown()),
    checks: z.array(PreflightCheckSchema),
    created_at: z.iso.datetime({ offset: true }),
    expires_at: z.iso.datetime({ offset: true }),
    approved_at: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'ApprovalRequest' });
export type ApprovalRequestView = z.infer<typeof ApprovalRequestViewSchema>;

/** Shown once, to the approver only; Apier keeps only its hash. */
export const MintedApprovalTokenSchema = z
  .object({
    approval_request_id: z.uuid(),
    approval_token: z.string(),
    expires_at: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'MintedApprovalToken' });
export type MintedApprovalToken = z.infer<typeof MintedApprovalTokenSchema>;

export const ApproveRequestSchema = z.object({
  account_id: z.uuid(),
  approver_id: z.uuid(),
  approval_request_id: z.uuid(),
});
export type ApproveRequest = z.infer<typeof ApproveRequestSchema>;

export const GetApprovalRequestSchema = z.object({
  account_id: z.uuid(),
  approval_request_id: z.uuid(),
});
export type GetApprovalRequest = z.infer<typeof GetApprovalRequestSchema>;

export const ListApprovalRequestsSchema = z.object({
  account_id: z.uuid(),
  status: z.enum(['pending', 'approved', 'consumed', 'expired']).optional(),
});
export type ListApprovalRequests = z.infer<typeof ListApprovalRequestsSchema>;

/** Reply of `apier.filing.approval.list` and `GET /api/v1/approvals`: newest first. */
export const ApprovalRequestListSchema = z
  .object({ approval_requests: z.array(ApprovalRequestViewSchema) })
  .meta({ id: 'ApprovalRequestList' });
export type ApprovalRequestList = z.infer<typeof ApprovalRequestListSchema>;
