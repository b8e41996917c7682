import type { SnapshotRepository } from '../snapshots/snapshot.repository';
import type { RefreshQueue } from '../refresh/refresh.queue';

export interface StaleSnapshotSweepOptions {
  freshMs: number;
  batch: number;
}

/**
 * The scheduled sweep: every tracked snapshot past its freshness bound gets a background refresh
 * (oldest first, a batch per tick; a refresh already waiting is not queued twice), and events a
 * publish failure left in the outbox get another try.
 */
export class StaleSnapshotSweep {
  constructor(
    private readonly snapshots: Pick<SnapshotRepository, 'fetchedBefore'>,
    private readonly queue: Pick<RefreshQueue, 'enqueue'>,
    private readonly events: { flushQuietly(): Promise<void> },
    private readonly options: StaleSnapshotSweepOptions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async run(): Promise<number> {
    await this.events.flushQuietly();
    const stale = await this.snapshots.fetchedBefore(
      new Date(this.now().getTime() - this.options.freshMs),
      this.options.batch,
    );
    for (const { orgnr, environment, dataset } of stale) {
      await this.queue.enqueue({ orgnr, environment, dataset, cause: 'scheduled' });
    }
    return stale.length;
  }
}
