import {
  ApierError,
  type ApprovalRequestRef,
  type ApprovalRequestView,
  type BindingActionType,
  type PreflightCheck,
} from '@apier/contracts';
import type { Prisma, PrismaClient } from '@apier/db';
import { type ApprovalStatus, toApprovalRequestView } from './approval-request-view';

/**
 * Approval requests: what a dry run asks an approver to allow, bound to account, organisation,
 * action type and payload hash.
 *
 * Public interface (called by the dry run and the approval pages):
 * - `create({accountId, orgnr, actionType, payloadHash, summary, preflight}, db?)` → `ApprovalRequestRef`;
 *   `approve_url` is `/approvals/<id>`, relative to the gateway. Pass a transaction client as `db`
 *   to create it inside a transaction of your own.
 * - `get(accountId, id)` → `ApprovalRequestView` (`approval_request_not_found` for another account's).
 * - `list(accountId, status?)` → newest first, at most 200.
 *
 * A pending request past `expires_at` reads as `expired` at once (APPROVAL_REQUEST_TTL_SECONDS).
 */
export interface CreateApprovalRequest {
  accountId: string;
  orgnr: string;
  actionType: BindingActionType;
  payloadHash: string;
  summary: Record<string, unknown>;
  preflight: PreflightCheck[];
}

export type Db = PrismaClient | Prisma.TransactionClient;

const LIST_LIMIT = 200;

export class ApprovalRequestStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: { requestTtlSeconds: number },
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(input: CreateApprovalRequest, db: Db = this.prisma): Promise<ApprovalRequestRef> {
    const row = await db.approvalRequest.create({
      data: {
        accountId: input.accountId,
        orgnr: input.orgnr,
        actionType: input.actionType,
        payloadHash: input.payloadHash,
        summary: input.summary as Prisma.InputJsonObject,
        preflight: input.preflight as unknown as Prisma.InputJsonArray,
        expiresAt: new Date(this.now().getTime() + this.options.requestTtlSeconds * 1000),
      },
    });
    return {
      id: row.id,
      status: 'pending',
      expires_at: row.expiresAt.toISOString(),
      approve_url: `/approvals/${row.id}`,
    };
  }

  async get(accountId: string, id: string): Promise<ApprovalRequestView> {
    const row = await this.prisma.approvalRequest.findFirst({ where: { id, accountId } });
    if (!row) throw new ApierError('approval_request_not_found', 'The account has no such approval request');
    return toApprovalRequestView(row, this.now());
  }

  async list(accountId: string, status?: ApprovalStatus): Promise<ApprovalRequestView[]> {
    const now = this.now();
    const rows = await this.prisma.approvalRequest.findMany({
      where: { accountId, ...statusFilter(status, now) },
      orderBy: { createdAt: 'desc' },
      take: LIST_LIMIT,
    });
    return rows.map((row) => toApprovalRequestView(row, now));
  }
}

function statusFilter(status: ApprovalStatus | undefined, now: Date): Prisma.ApprovalRequestWhereInput {
  switch (status) {
    case undefined:
      return {};
    case 'pending':
      return { status: 'pending', expiresAt: { gt: now } };
    case 'expired':
      return { OR: [{ status: 'expired' }, { status: 'pending', expiresAt: { lte: now } }] };
    default:
      return { status };
  }
}
