import type { CompanyChangedEvent, DatasetChange, RefreshCause } from '@apier/contracts';
import { Prisma, type PrismaClient } from '@apier/db';
import { randomUUID } from 'node:crypto';
import { type Environment, type Snapshot, snapshotKey } from './snapshot';

/** Why a set of snapshots was fetched, carried into the `company.changed` event it may cause. */
export interface RefreshContext {
  cause: RefreshCause;
  feed: CompanyChangedEvent['feed'];
}

export interface StaleSnapshot {
  orgnr: string;
  environment: Environment;
  dataset: string;
}

type Tx = Prisma.TransactionClient;

/**
 * Snapshots in Postgres. Storing one and recording the `company.changed` event its new content
 * causes are one transaction (the event table is the outbox), serialised per company, so two
 * replicas refreshing the same company never both report the same change, and an answer fetched
 * earlier never replaces one fetched later.
 */
export class SnapshotRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async findAll(orgnr: string, environment: Environment): Promise<Map<string, Snapshot>> {
    const rows = await this.prisma.registrySnapshot.findMany({ where: { orgnr, environment } });
    return new Map(rows.map((row) => [snapshotKey(row.source, row.dataset), row]));
  }

  /** Stores fresh snapshots; returns the event recorded when content changed, else null. */
  async save(
    orgnr: string,
    environment: Environment,
    name: string | null,
    snapshots: Snapshot[],
    context: RefreshContext,
  ): Promise<CompanyChangedEvent | null> {
    if (snapshots.length === 0) return null;
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${environment}/${orgnr}`}, 0))`;
      await tx.organisation.upsert({
        where: { orgnr },
        create: { orgnr, sandbox: environment === 'sandbox', name },
        update: name ? { name } : {},
      });
      const previous = await this.findAllIn(tx, orgnr, environment);
      const changes: DatasetChange[] = [];
      for (const snapshot of snapshots) {
        const before = previous.get(snapshotKey(snapshot.source, snapshot.dataset));
        if (before && before.fetchedAt > snapshot.fetchedAt) continue;
        await this.upsert(tx, orgnr, environment, snapshot);
        if (
          before &&
          (before.contentHash !== snapshot.contentHash || before.httpStatus !== snapshot.httpStatus)
        ) {
          changes.push({
            source: snapshot.source as DatasetChange['source'],
            dataset: snapshot.dataset,
            old_content_hash: before.contentHash,
            new_content_hash: snapshot.contentHash,
            old_http_status: before.httpStatus,
            new_http_status: snapshot.httpStatus,
          });
        }
      }
      if (changes.length === 0) return null;
      const event: CompanyChangedEvent = {
        id: randomUUID(),
        type: 'company.changed',
        occurred_at: this.now().toISOString(),
        orgnr,
        environment,
        cause: context.cause,
        datasets: changes,
        feed: context.feed,
      };
      await tx.companyEvent.create({
        data: {
          id: event.id,
          orgnr,
          environment,
          payload: event as unknown as Prisma.InputJsonValue,
          occurredAt: new Date(event.occurred_at),
        },
      });
      return event;
    });
  }

  /** Which of these organisations Apier keeps snapshots of in the environment. */
  async tracked(environment: Environment, orgnrs: string[]): Promise<Set<string>> {
    if (orgnrs.length === 0) return new Set();
    const rows = await this.prisma.registrySnapshot.findMany({
      where: { environment, orgnr: { in: orgnrs } },
      distinct: ['orgnr'],
      select: { orgnr: true },
    });
    return new Set(rows.map((r) => r.orgnr));
  }

  /** Main units whose stored sub-unit list names one of these sub-units: sub-unit → main unit. */
  async parentsOfSubUnits(environment: Environment, subUnits: string[]): Promise<Map<string, string>> {
    const parents = new Map<string, string>();
    if (subUnits.length === 0) return parents;
    const rows = await this.prisma.registrySnapshot.findMany({
      where: {
        environment,
        dataset: 'underenheter',
        OR: subUnits.map((orgnr) => ({
          payload: { path: ['_embedded', 'underenheter'], array_contains: [{ organisasjonsnummer: orgnr }] },
        })),
      },
      select: { orgnr: true, payload: true },
    });
    for (const row of rows) {
      for (const orgnr of listedSubUnits(row.payload))
        if (subUnits.includes(orgnr)) parents.set(orgnr, row.orgnr);
    }
    return parents;
  }

  /** The oldest snapshots fetched before `cutoff`, for the scheduled sweep. */
  async fetchedBefore(cutoff: Date, limit: number): Promise<StaleSnapshot[]> {
    const rows = await this.prisma.registrySnapshot.findMany({
      where: { fetchedAt: { lt: cutoff } },
      orderBy: { fetchedAt: 'asc' },
      take: limit,
      select: { orgnr: true, environment: true, dataset: true },
    });
    return rows.map((r) => ({ ...r, environment: r.environment as Environment }));
  }

  private async findAllIn(tx: Tx, orgnr: string, environment: Environment) {
    const rows = await tx.registrySnapshot.findMany({
      where: { orgnr, environment },
      select: { source: true, dataset: true, contentHash: true, httpStatus: true, fetchedAt: true },
    });
    return new Map(rows.map((row) => [snapshotKey(row.source, row.dataset), row]));
  }

  private upsert(tx: Tx, orgnr: string, environment: Environment, s: Snapshot) {
    const data = {
      sourceUrl: s.sourceUrl,
      httpStatus: s.httpStatus,
      contentHash: s.contentHash,
      payload: s.payload === null ? Prisma.JsonNull : (s.payload as Prisma.InputJsonValue),
      fetchedAt: s.fetchedAt,
    };
    return tx.registrySnapshot.upsert({
      where: {
        orgnr_environment_source_dataset: { orgnr, environment, source: s.source, dataset: s.dataset },
      },
      create: { orgnr, environment, source: s.source, dataset: s.dataset, ...data },
      update: data,
    });
  }
}

function listedSubUnits(payload: unknown): string[] {
  const embedded = (payload as { _embedded?: { underenheter?: unknown } } | null)?._embedded;
  const list = embedded?.underenheter;
  if (!Array.isArray(list)) return [];
  return list.map((u: { organisasjonsnummer?: unknown }) => String(u.organisasjonsnummer ?? ''));
}
