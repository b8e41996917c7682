import { Prisma, type PrismaClient } from '@apier/db';

/** Tenant scope of a key: only the server knows the account, so one client never reaches another's. */
export interface IdempotencyScope {
  accountId: string;
  method: string;
  route: string;
  key: string;
}

export type IdempotencyRecordRow = Prisma.IdempotencyRecordGetPayload<object>;

/**
 * The `idempotency_records` table. Every state change is one conditional statement, and the
 * `locked_until` a request wrote is its proof of ownership: whoever changed it since owns the key.
 */
export class IdempotencyRecords {
  constructor(private readonly prisma: PrismaClient) {}

  /** `INSERT … ON CONFLICT DO NOTHING`: true when this request created the record and holds its lock. */
  async claim(
    scope: IdempotencyScope,
    fingerprint: string,
    lockedUntil: Date,
    expiresAt: Date,
  ): Promise<boolean> {
    const { count } = await this.prisma.idempotencyRecord.createMany({
      data: [{ ...scope, fingerprint, lockedUntil, expiresAt }],
      skipDuplicates: true,
    });
    return count === 1;
  }

  find(scope: IdempotencyScope): Promise<IdempotencyRecordRow | null> {
    return this.prisma.idempotencyRecord.findUnique({ where: { accountId_method_route_key: scope } });
  }

  /** Compare-and-set on the lock an earlier request released or let lapse. */
  async takeOver(scope: IdempotencyScope, seen: Date | null, lockedUntil: Date): Promise<boolean> {
    const { count } = await this.prisma.idempotencyRecord.updateMany({
      where: { ...scope, responseStatus: null, lockedUntil: seen },
      data: { lockedUntil },
    });
    return count === 1;
  }

  /** Stores the final answer, unless another request took the lock over in the meantime. */
  async complete(scope: IdempotencyScope, lockedUntil: Date, status: number, body: unknown): Promise<void> {
    await this.prisma.idempotencyRecord.updateMany({
      where: { ...scope, lockedUntil, responseStatus: null },
      data: {
        lockedUntil: null,
        responseStatus: status,
        responseBody: body === undefined || body === null ? Prisma.JsonNull : (body as Prisma.InputJsonValue),
      },
    });
  }

  /** Gives the key back without an answer, so a retry runs the handler again. */
  async release(scope: IdempotencyScope, lockedUntil: Date): Promise<void> {
    await this.prisma.idempotencyRecord.updateMany({
      where: { ...scope, lockedUntil, responseStatus: null },
      data: { lockedUntil: null },
    });
  }

  async deleteExpired(scope: IdempotencyScope, now: Date): Promise<void> {
    await this.prisma.idempotencyRecord.deleteMany({ where: { ...scope, expiresAt: { lte: now } } });
  }

  async purgeExpired(now: Date): Promise<number> {
    const { count } = await this.prisma.idempotencyRecord.deleteMany({ where: { expiresAt: { lte: now } } });
    return count;
  }
}
