import type { BrregFeed } from '@apier/contracts';
import type { PrismaClient } from '@apier/db';
import type { Environment } from '../snapshots/snapshot';

/** The last entry handled (null before the first), or the instant to start from until then. */
export interface FeedCursor {
  lastUpdateId: number | null;
  since: Date | null;
}

/** Feed positions in Postgres. A position only ever moves forward, whoever writes it. */
export class FeedCursorRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(feed: BrregFeed, environment: Environment): Promise<FeedCursor | null> {
    const row = await this.prisma.registryFeedCursor.findUnique({
      where: { feed_environment: { feed, environment } },
    });
    return (
      row && { lastUpdateId: row.lastUpdateId === null ? null : Number(row.lastUpdateId), since: row.since }
    );
  }

  /** Records where a new follower starts; if another replica got there first, its start stands. */
  async begin(feed: BrregFeed, environment: Environment, start: FeedCursor): Promise<FeedCursor> {
    await this.prisma.registryFeedCursor.createMany({
      data: [
        {
          feed,
          environment,
          lastUpdateId: start.lastUpdateId === null ? null : BigInt(start.lastUpdateId),
          since: start.since,
          updatedAt: this.now(),
        },
      ],
      skipDuplicates: true,
    });
    return (await this.get(feed, environment))!;
  }

  async advance(feed: BrregFeed, environment: Environment, lastUpdateId: number): Promise<void> {
    const id = BigInt(lastUpdateId);
    await this.prisma.registryFeedCursor.updateMany({
      where: { feed, environment, OR: [{ lastUpdateId: null }, { lastUpdateId: { lt: id } }] },
      data: { lastUpdateId: id, updatedAt: this.now() },
    });
  }
}
