import type { PreflightCheck } from '@apier/contracts';
import { createPrismaClient, type PrismaClient } from '@apier/db';
import { createIsolatedSchema, type IsolatedSchema } from '@apier/testing';
import { createHash } from 'node:crypto';
import { ApprovalRequestStore } from '../approval-request.store';
import { ApprovalTokenStore } from '../approval-token.store';

export const ORG = '999999999';
export const OTHER_ORG = '974760673';
export const REQUEST_TTL_SECONDS = 3_600;
export const TOKEN_TTL_SECONDS = 900;

export const PASSING_CHECKS: PreflightCheck[] = [
  { check: 'company_exists', status: 'pass', code: 'company_active', message: 'Registered', details: {} },
  {
    check: 'deadline_window',
    status: 'warn',
    code: 'late_filing',
    message: 'Past the deadline',
    details: {},
  },
];

export const payloadHashOf = (payload: string) => createHash('sha256').update(payload).digest('hex');

/** Approval stores on their own migrated Postgres schema, with a clock the spec moves. */
export class ApprovalsTestWorld {
  clock = new Date('2026-11-25T12:00:00.000Z');
  readonly now = () => this.clock;
  readonly requests: ApprovalRequestStore;
  readonly tokens: ApprovalTokenStore;

  private constructor(
    readonly db: IsolatedSchema,
    readonly prisma: PrismaClient,
  ) {
    this.requests = new ApprovalRequestStore(prisma, { requestTtlSeconds: REQUEST_TTL_SECONDS }, this.now);
    this.tokens = new ApprovalTokenStore(prisma, { tokenTtlSeconds: TOKEN_TTL_SECONDS }, this.now);
  }

  static async start(): Promise<ApprovalsTestWorld> {
    const db = await createIsolatedSchema();
    // Enough connections for the concurrency cases to really run in parallel.
    return new ApprovalsTestWorld(db, createPrismaClient({ url: db.url, schema: db.schema, poolSize: 24 }));
  }

  advance(seconds: number): void {
    this.clock = new Date(this.clock.getTime() + seconds * 1000);
  }

  async account(name: string): Promise<{ accountId: string; approverId: string }> {
    const account = await this.prisma.account.create({ data: { name } });
    const approver = await this.prisma.approver.create({
      data: {
        accountId: account.id,
        email: `${name.toLowerCase()}@example.no`,
        displayName: name,
        passwordHash: 'not used by these specs',
      },
    });
    return { accountId: account.id, approverId: approver.id };
  }

  request(accountId: string, payload = 'payload-1', orgnr = ORG) {
    return this.requests.create({
      accountId,
      orgnr,
      actionType: 'mva_melding',
      payloadHash: payloadHashOf(payload),
      summary: { orgnr, term: '2026-5', amount_due: 12_500 },
      preflight: PASSING_CHECKS,
    });
  }

  async stop(): Promise<void> {
    await this.prisma.$disconnect();
    await this.db.drop();
  }
}

/** The error a promise rejects with, or null when it resolves. */
export const refusal = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );
