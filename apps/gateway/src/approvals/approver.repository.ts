import type { Prisma, PrismaClient } from '@apier/db';

export type ApproverRecord = Prisma.ApproverGetPayload<object>;
export type SessionWithApprover = Prisma.ApproverSessionGetPayload<{ include: { approver: true } }>;

/** Approvers, their sessions and the audit lines of sign-ins; only hashes of secrets reach it. */
export class ApproverRepository {
  constructor(private readonly prisma: PrismaClient) {}

  create(data: {
    accountId: string;
    email: string;
    displayName: string;
    passwordHash: string;
  }): Promise<ApproverRecord> {
    return this.prisma.approver.create({ data });
  }

  listByAccount(accountId: string): Promise<ApproverRecord[]> {
    return this.prisma.approver.findMany({ where: { accountId }, orderBy: { createdAt: 'asc' } });
  }

  findById(id: string): Promise<ApproverRecord | null> {
    return this.prisma.approver.findUnique({ where: { id } });
  }

  /** Approvers who may sign in with this email: enabled, in an enabled account. */
  findSignInCandidates(email: string, accountId?: string): Promise<ApproverRecord[]> {
    return this.prisma.approver.findMany({
      where: { email, disabledAt: null, account: { disabledAt: null }, ...(accountId ? { accountId } : {}) },
    });
  }

  /** Disables the approver and ends every session at once. */
  async disable(id: string, at: Date): Promise<ApproverRecord | null> {
    return this.prisma.$transaction(async (tx) => {
      await tx.approver.updateMany({ where: { id, disabledAt: null }, data: { disabledAt: at } });
      await tx.approverSession.updateMany({
        where: { approverId: id, revokedAt: null },
        data: { revokedAt: at },
      });
      return tx.approver.findUnique({ where: { id } });
    });
  }

  createSession(approver: ApproverRecord, tokenHash: string, expiresAt: Date, at: Date) {
    return this.prisma.$transaction(async (tx) => {
      const session = await tx.approverSession.create({
        data: { approverId: approver.id, tokenHash, expiresAt, createdAt: at },
      });
      await tx.auditEntry.create({
        data: {
          accountId: approver.accountId,
          actor: `approver:${approver.id}`,
          event: 'approver.signed_in',
          subject: `approver_session:${session.id}`,
          occurredAt: at,
        },
      });
      return session;
    });
  }

  /** A live session of an enabled approver of an enabled account, or null. */
  findLiveSession(tokenHash: string, now: Date): Promise<SessionWithApprover | null> {
    return this.prisma.approverSession.findFirst({
      where: {
        tokenHash,
        revokedAt: null,
        expiresAt: { gt: now },
        approver: { disabledAt: null, account: { disabledAt: null } },
      },
      include: { approver: true },
    });
  }

  async revokeSession(tokenHash: string, at: Date): Promise<void> {
    await this.prisma.approverSession.updateMany({
      where: { tokenHash, revokedAt: null },
      data: { revokedAt: at },
    });
  }

  async accountExists(accountId: string): Promise<boolean> {
    return (await this.prisma.account.count({ where: { id: accountId, disabledAt: null } })) === 1;
  }
}
