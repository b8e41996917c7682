import {
  DELEGATION_EVENT_FOR_STATUS,
  type DelegationEvent,
  DelegationEventSchema,
  type DelegationStatus,
} from '@apier/contracts';
import { Prisma, type PrismaClient } from '@apier/db';
import { randomUUID } from 'node:crypto';

/** One stored delegation (a System User request of one account for one organisation). */
export interface DelegationRecord {
  id: string;
  accountId: string;
  orgnr: string;
  systemId: string;
  externalRef: string;
  requestId: string;
  systemUserId: string | null;
  status: DelegationStatus;
  accessPackages: string[];
  confirmUrl: string;
  requestedAt: Date;
  activatedAt: Date | null;
  rejectedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
  lastCheckedAt: Date;
  lastConfirmedAt: Date | null;
}

export type NewDelegation = Pick<
  DelegationRecord,
  | 'accountId'
  | 'orgnr'
  | 'systemId'
  | 'externalRef'
  | 'requestId'
  | 'status'
  | 'accessPackages'
  | 'confirmUrl'
  | 'requestedAt'
  | 'expiresAt'
  | 'lastCheckedAt'
>;

/** A status a delegation can move to; each one publishes its `delegation.*` event. */
export type TerminalOrActive = Exclude<DelegationStatus, 'pending'>;

export interface StoredEvent {
  id: string;
  payload: DelegationEvent;
}

/**
 * Delegations in Postgres. Every method an account reaches filters by its account id; the
 * reconciler's sweep methods are the only ones that read across accounts. A status change and its
 * event are one transaction (the event table is the outbox), and a change applies only from the
 * status it was decided on, so concurrent reconcilers record each transition exactly once.
 */
export class DelegationRepository {
  constructor(private readonly prisma: PrismaClient) {}

  findForAccount(accountId: string, id: string): Promise<DelegationRecord | null> {
    return this.prisma.delegation.findFirst({ where: { id, accountId } });
  }

  listForAccount(accountId: string, orgnr: string): Promise<DelegationRecord[]> {
    return this.prisma.delegation.findMany({
      where: { accountId, orgnr },
      orderBy: [{ requestedAt: 'desc' }, { id: 'asc' }],
    });
  }

  findByRequest(accountId: string, requestId: string): Promise<DelegationRecord | null> {
    return this.prisma.delegation.findFirst({ where: { accountId, requestId } });
  }

  /** Stores a request once; a concurrent or repeated insert of the same request returns the stored row. */
  async insertOnce(data: NewDelegation): Promise<{ inserted: boolean; record: DelegationRecord }> {
    try {
      return { inserted: true, record: await this.prisma.delegation.create({ data }) };
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') throw error;
      const record = await this.findByRequest(data.accountId, data.requestId);
      if (!record) throw error; // the request id belongs to another account: never hand it out
      return { inserted: false, record };
    }
  }

  /** Altinn confirmed the delegation is unchanged. */
  touch(id: string, at: Date, confirmed: boolean): Promise<DelegationRecord> {
    return this.prisma.delegation.update({
      where: { id },
      data: { lastCheckedAt: at, ...(confirmed ? { lastConfirmedAt: at } : {}) },
    });
  }

  async touchMany(ids: string[], at: Date, confirmed: boolean): Promise<void> {
    if (ids.length === 0) return;
    await this.prisma.delegation.updateMany({
      where: { id: { in: ids } },
      data: { lastCheckedAt: at, ...(confirmed ? { lastConfirmedAt: at } : {}) },
    });
  }

  /**
   * Moves a delegation from `from` to `to` and writes the event, in one transaction. Returns the
   * row as it is afterwards and whether this call made the change (false: someone else did first).
   */
  async transition(
    id: string,
    from: DelegationStatus,
    to: TerminalOrActive,
    at: Date,
    patch: { systemUserId?: string; expiresAt?: Date } = {},
  ): Promise<{ changed: boolean; record: DelegationRecord }> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.delegation.updateMany({
        where: { id, status: from },
        data: { status: to, lastCheckedAt: at, ...stampFor(to, at), ...patch },
      });
      const record = await tx.delegation.findUniqueOrThrow({ where: { id } });
      if (count === 1) {
        const payload = eventFor(record, to, at);
        await tx.delegationEvent.create({
          data: {
            id: payload.id,
            delegationId: id,
            type: payload.type,
            payload: payload as unknown as Prisma.InputJsonValue,
            occurredAt: at,
          },
        });
      }
      return { changed: count === 1, record };
    });
  }

  /** Pending requests, least recently checked first (the sweep polls each one). */
  pendingForSweep(limit: number): Promise<DelegationRecord[]> {
    return this.prisma.delegation.findMany({
      where: { status: 'pending' },
      orderBy: { lastCheckedAt: 'asc' },
      take: limit,
    });
  }

  activeForSweep(systemId: string): Promise<DelegationRecord[]> {
    return this.prisma.delegation.findMany({ where: { status: 'active', systemId } });
  }

  async unpublishedEvents(limit: number): Promise<StoredEvent[]> {
    const rows = await this.prisma.delegationEvent.findMany({
      where: { publishedAt: null },
      orderBy: { occurredAt: 'asc' },
      take: limit,
    });
    return rows.map((row) => ({ id: row.id, payload: DelegationEventSchema.parse(row.payload) }));
  }

  async markPublished(id: string, at: Date): Promise<void> {
    await this.prisma.delegationEvent.updateMany({
      where: { id, publishedAt: null },
      data: { publishedAt: at },
    });
  }
}

function stampFor(to: TerminalOrActive, at: Date) {
  switch (to) {
    case 'active':
      return { activatedAt: at, lastConfirmedAt: at };
    case 'rejected':
      return { rejectedAt: at };
    case 'revoked':
      return { revokedAt: at };
    case 'expired':
      return {};
  }
}

function eventFor(record: DelegationRecord, to: TerminalOrActive, at: Date): DelegationEvent {
  return DelegationEventSchema.parse({
    id: randomUUID(),
    type: DELEGATION_EVENT_FOR_STATUS[to],
    occurred_at: at.toISOString(),
    account_id: record.accountId,
    delegation: {
      id: record.id,
      orgnr: record.orgnr,
      status: record.status,
      access_packages: record.accessPackages,
      system_user_id: record.systemUserId,
    },
  });
}
