import {
  ApierError,
  type BindingActionType,
  type ErrorCode,
  type MintedApprovalToken,
} from '@apier/contracts';
import type { Prisma, PrismaClient } from '@apier/db';
import { effectiveStatus } from './approval-request-view';
import { generateApprovalToken, hashApprovalToken, isWellFormedApprovalToken } from './approval-token-format';

/**
 * Single-use approval tokens (DESIGN §4 invariant 5).
 *
 * Public interface:
 * - `mint({accountId, approverId, approvalRequestId})` → `MintedApprovalToken`: only for a pending,
 *   unexpired request of the approver's own account, by an approver who is not disabled. The
 *   request becomes `approved`; the token is returned once and only its SHA-256 is kept. It lives
 *   APPROVAL_TOKEN_TTL_SECONDS. The gateway calls this for a signed-in approver, never for an API key.
 * - `consume(tx, {token, accountId, orgnr, actionType, payloadHash, actor?})` → `{approvalRequestId}`:
 *   one conditional `UPDATE … WHERE token_hash = … AND token_consumed_at IS NULL AND …` inside the
 *   caller's transaction, so of any number of concurrent calls exactly one wins, and a rollback of
 *   the caller's transaction gives the token back. Refusals carry distinct codes:
 *   `approval_token_invalid` (unknown or malformed), `approval_token_wrong_account`,
 *   `approval_token_used`, `approval_token_expired`, `approval_token_wrong_org`,
 *   `approval_token_payload_mismatch` (other payload hash or action type), checked in that order.
 *   `actor` names the caller in the audit log (e.g. `api_key:<key id>`; default `account:<id>`).
 *
 * Every grant, use and refusal appends an `AuditEntry`; none ever holds the token.
 */
export interface MintApprovalToken {
  accountId: string;
  approverId: string;
  approvalRequestId: string;
}

export interface ConsumeApprovalToken {
  token: string;
  accountId: string;
  orgnr: string;
  actionType: BindingActionType;
  payloadHash: string;
  actor?: string;
}

type ApprovalRow = Prisma.ApprovalRequestGetPayload<object>;

export class ApprovalTokenStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: { tokenTtlSeconds: number },
    private readonly now: () => Date = () => new Date(),
  ) {}

  async mint(input: MintApprovalToken): Promise<MintedApprovalToken> {
    const now = this.now();
    const token = generateApprovalToken();
    const tokenExpiresAt = new Date(now.getTime() + this.options.tokenTtlSeconds * 1000);
    const granted = await this.prisma.$transaction(async (tx) => {
      const approver = await tx.approver.findFirst({
        where: { id: input.approverId, accountId: input.accountId, disabledAt: null },
        select: { id: true },
      });
      if (!approver) return 'no_approver' as const;
      const [row] = await tx.approvalRequest.updateManyAndReturn({
        where: {
          id: input.approvalRequestId,
          accountId: input.accountId,
          status: 'pending',
          expiresAt: { gt: now },
        },
        data: {
          status: 'approved',
          approvedAt: now,
          approvedBy: input.approverId,
          tokenHash: hashApprovalToken(token),
          tokenExpiresAt,
        },
      });
      if (!row) return null;
      await tx.auditEntry.create({
        data: {
          accountId: input.accountId,
          actor: `approver:${input.approverId}`,
          event: 'approval.granted',
          subject: `approval_request:${row.id}`,
          detail: {
            orgnr: row.orgnr,
            action_type: row.actionType,
            payload_hash: row.payloadHash,
            token_expires_at: tokenExpiresAt.toISOString(),
          },
          occurredAt: now,
        },
      });
      return row;
    });
    if (granted === 'no_approver') {
      throw new ApierError(
        'approver_unauthenticated',
        'The approver is unknown or disabled for this account',
      );
    }
    if (!granted) throw await this.mintRefusal(input, now);
    return {
      approval_request_id: granted.id,
      approval_token: token,
      expires_at: tokenExpiresAt.toISOString(),
    };
  }

  async consume(
    tx: Prisma.TransactionClient,
    input: ConsumeApprovalToken,
  ): Promise<{ approvalRequestId: string }> {
    const now = this.now();
    const actor = input.actor ?? `account:${input.accountId}`;
    if (!isWellFormedApprovalToken(input.token)) {
      throw await this.refuse('approval_token_invalid', input.accountId, actor, null, now);
    }
    const tokenHash = hashApprovalToken(input.token);
    const [won] = await tx.approvalRequest.updateManyAndReturn({
      where: {
        tokenHash,
        tokenConsumedAt: null,
        tokenExpiresAt: { gt: now },
        status: 'approved',
        accountId: input.accountId,
        orgnr: input.orgnr,
        actionType: input.actionType,
        payloadHash: input.payloadHash,
      },
      data: { tokenConsumedAt: now, status: 'consumed' },
      select: { id: true },
    });
    if (won) {
      await tx.auditEntry.create({
        data: {
          accountId: input.accountId,
          actor,
          event: 'approval.consumed',
          subject: `approval_request:${won.id}`,
          detail: { orgnr: input.orgnr, action_type: input.actionType, payload_hash: input.payloadHash },
          occurredAt: now,
        },
      });
      return { approvalRequestId: won.id };
    }
    const row = await tx.approvalRequest.findUnique({ where: { tokenHash } });
    const code = consumeRefusal(row, input, now);
    // Another account's request is not named in this account's audit trail.
    const subject = row && code !== 'approval_token_wrong_account' ? row.id : null;
    throw await this.refuse(code, input.accountId, actor, subject, now);
  }

  private async mintRefusal(input: MintApprovalToken, now: Date): Promise<ApierError> {
    const row = await this.prisma.approvalRequest.findFirst({
      where: { id: input.approvalRequestId, accountId: input.accountId },
      select: { status: true, expiresAt: true },
    });
    if (!row) return new ApierError('approval_request_not_found', 'The account has no such approval request');
    const status = effectiveStatus(row, now);
    if (status === 'expired' && row.status === 'pending') {
      await this.prisma.approvalRequest.updateMany({
        where: { id: input.approvalRequestId, status: 'pending', expiresAt: { lte: now } },
        data: { status: 'expired' },
      });
    }
    return new ApierError(
      'approval_not_pending',
      `The approval request is ${status}; run the dry run again`,
      {
        details: { status },
      },
    );
  }

  /** Recorded outside the caller's transaction, which the refusal is about to roll back. */
  private async refuse(
    code: ErrorCode,
    accountId: string,
    actor: string,
    approvalRequestId: string | null,
    now: Date,
  ): Promise<ApierError> {
    await this.prisma.auditEntry.create({
      data: {
        accountId,
        actor,
        event: 'approval.refused',
        subject: approvalRequestId ? `approval_request:${approvalRequestId}` : null,
        detail: { code },
        occurredAt: now,
      },
    });
    return new ApierError(code, REFUSAL_MESSAGES[code] ?? 'The approval token is not valid');
  }
}

function consumeRefusal(row: ApprovalRow | null, input: ConsumeApprovalToken, now: Date): ErrorCode {
  if (!row) return 'approval_token_invalid';
  if (row.accountId !== input.accountId) return 'approval_token_wrong_account';
  if (row.tokenConsumedAt) return 'approval_token_used';
  if (!row.tokenExpiresAt || row.tokenExpiresAt <= now) return 'approval_token_expired';
  if (row.orgnr !== input.orgnr) return 'approval_token_wrong_org';
  if (row.actionType !== input.actionType || row.payloadHash !== input.payloadHash) {
    return 'approval_token_payload_mismatch';
  }
  return 'approval_token_invalid';
}

const REFUSAL_MESSAGES: Partial<Record<ErrorCode, string>> = {
  approval_token_invalid: 'The approval token is unknown or malformed',
  approval_token_wrong_account: 'The approval token was granted to another account',
  approval_token_used: 'The approval token has already been used; approve a new dry run',
  approval_token_expired: 'The approval token has expired; approve a new dry run',
  approval_token_wrong_org: 'The approval token was granted for another organisation',
  approval_token_payload_mismatch:
    'The approval token was granted for another payload or action type; any change needs a new approval',
};
