import type { ApprovalRequestView, BindingActionType, PreflightCheck } from '@apier/contracts';
import type { Prisma } from '@apier/db';

export type ApprovalRequestRow = Prisma.ApprovalRequestGetPayload<object>;
export type ApprovalStatus = ApprovalRequestView['status'];

/** A pending request past its expiry is expired, whether or not a sweep has written that yet. */
export function effectiveStatus(
  row: Pick<ApprovalRequestRow, 'status' | 'expiresAt'>,
  now: Date,
): ApprovalStatus {
  return row.status === 'pending' && row.expiresAt <= now ? 'expired' : row.status;
}

/** What an approver is shown; never the token hash or who else approved what. */
export function toApprovalRequestView(row: ApprovalRequestRow, now: Date): ApprovalRequestView {
  return {
    id: row.id,
    orgnr: row.orgnr,
    action_type: row.actionType as BindingActionType,
    payload_hash: row.payloadHash,
    status: effectiveStatus(row, now),
    summary: row.summary as Record<string, unknown>,
    checks: row.preflight as PreflightCheck[],
    created_at: row.createdAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
    approved_at: row.approvedAt?.toISOString() ?? null,
  };
}
