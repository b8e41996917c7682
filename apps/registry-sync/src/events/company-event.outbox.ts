import { type CompanyChangedEvent, CompanyChangedEventSchema } from '@apier/contracts';
import type { PrismaClient } from '@apier/db';

/** The `company_events` outbox: rows are written with the snapshots, published afterwards. */
export class CompanyEventOutbox {
  constructor(private readonly prisma: PrismaClient) {}

  async unpublished(limit: number): Promise<CompanyChangedEvent[]> {
    const rows = await this.prisma.companyEvent.findMany({
      where: { publishedAt: null },
      orderBy: { occurredAt: 'asc' },
      take: limit,
    });
    return rows.map((row) => CompanyChangedEventSchema.parse(row.payload));
  }

  async markPublished(id: string, at: Date): Promise<void> {
    await this.prisma.companyEvent.updateMany({
      where: { id, publishedAt: null },
      data: { publishedAt: at },
    });
  }
}
