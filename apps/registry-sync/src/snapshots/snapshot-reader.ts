import { ApierError } from '@apier/contracts';
import { remainingBudget } from '@apier/platform';
import type { DatasetSpec, SourceBaseUrls } from '../upstream/datasets';
import type { UpstreamFetcher } from '../upstream/upstream-fetcher';
import { fetchSnapshot } from './fetch-snapshot';
import { type FreshnessPolicy, judgeFreshness } from './freshness-policy';
import { type Snapshot, snapshotKey } from './snapshot';

export interface ReadSnapshot {
  snapshot: Snapshot;
  freshness: 'fresh' | 'stale';
  /** True when this read fetched it from upstream and it still has to be stored. */
  fetched: boolean;
  /** True when the caller should have it refreshed in the background. */
  revalidate: boolean;
}

export interface SnapshotReaderOptions {
  bases: SourceBaseUrls;
  policy: FreshnessPolicy;
  fetcher: UpstreamFetcher;
  now?: () => Date;
}

/** A read waits at most this long for a rate-limit token (less when its deadline is closer). */
const READ_TOKEN_WAIT_MS = 1_000;

/**
 * The read side of the freshness policy: missing data is fetched and waited for; fresh data is
 * served; stale data is served at once and flagged for a background refresh; data past the hard
 * maximum age is fetched, falling back to the old snapshot (marked stale) when the upstream is
 * down. With nothing stored and the upstream down, the upstream error stands.
 */
export class SnapshotReader {
  private readonly now: () => Date;

  constructor(private readonly options: SnapshotReaderOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async read(spec: DatasetSpec, orgnr: string, stored: Map<string, Snapshot>): Promise<ReadSnapshot> {
    const previous = stored.get(snapshotKey(spec.source, spec.dataset));
    if (previous) {
      const verdict = judgeFreshness(previous.fetchedAt, this.now(), this.options.policy);
      if (verdict === 'fresh')
        return { snapshot: previous, freshness: 'fresh', fetched: false, revalidate: false };
      if (verdict === 'revalidate')
        return { snapshot: previous, freshness: 'stale', fetched: false, revalidate: true };
    }
    try {
      const snapshot = await fetchSnapshot(spec, orgnr, {
        bases: this.options.bases,
        fetcher: this.options.fetcher,
        maxWaitMs: remainingBudget(READ_TOKEN_WAIT_MS),
        now: this.now(),
      });
      return { snapshot, freshness: 'fresh', fetched: true, revalidate: false };
    } catch (error) {
      if (previous && error instanceof ApierError && error.retryable) {
        return { snapshot: previous, freshness: 'stale', fetched: false, revalidate: true };
      }
      throw error;
    }
  }
}
