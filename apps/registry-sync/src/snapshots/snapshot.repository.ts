import { Prisma, type PrismaClient } from '@apier/db';
import { type Environment, type Snapshot, snapshotKey } from './snapshot';

export class SnapshotRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async findAll(orgnr: string, environment: Environment): Promise<Map<string, Snapshot>> {
    const rows = await this.prisma.registrySnapshot.findMany({ where: { orgnr, environment } });
    return new Map(rows.map((row) => [snapshotKey(row.source, row.dataset), row]));
  }

  /** Stores fresh snapshots, replacing older ones for the same dataset, in one transaction. */
  async saveAll(
    orgnr: string,
    environment: Environment,
    name: string | null,
    snapshots: Snapshot[],
  ): Promise<void> {
    if (snapshots.length === 0) return;
    const sandbox = environment === 'sandbox';
    await this.prisma.$transaction([
      this.prisma.organisation.upsert({
        where: { orgnr },
        create: { orgnr, sandbox, name },
        update: name ? { name } : {},
      }),
      ...snapshots.map((s) => {
        const data = {
          sourceUrl: s.sourceUrl,
          httpStatus: s.httpStatus,
          contentHash: s.contentHash,
          payload: s.payload === null ? Prisma.JsonNull : (s.payload as Prisma.InputJsonValue),
          fetchedAt: s.fetchedAt,
        };
        return this.prisma.registrySnapshot.upsert({
          where: {
            orgnr_environment_source_dataset: { orgnr, environment, source: s.source, dataset: s.dataset },
          },
          create: { orgnr, environment, source: s.source, dataset: s.dataset, ...data },
          update: data,
        });
      }),
    ]);
  }
}
