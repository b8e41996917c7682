import { ApierError } from '@apier/contracts';
import type { DatasetSpec, SourceBaseUrls } from '../upstream/datasets';
import { fetchUpstream } from '../upstream/upstream-client';
import { type Snapshot, snapshotKey } from './snapshot';

export interface ReadSnapshot {
  snapshot: Snapshot;
  freshness: 'fresh' | 'stale';
  /** True when this read fetched it from upstream and it still has to be stored. */
  fetched: boolean;
}

export interface SnapshotReaderOptions {
  bases: SourceBaseUrls;
  freshnessMs: number;
  upstreamTimeoutMs: number;
  now?: () => Date;
}

/**
 * Serves a stored snapshot while it is fresh, fetches a new one when it is missing or old, and
 * falls back to the old one (marked stale) when the upstream is down. With nothing stored and
 * the upstream down, the upstream error stands.
 */
export class SnapshotReader {
  private readonly now: () => Date;

  constructor(private readonly options: SnapshotReaderOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async read(spec: DatasetSpec, orgnr: string, stored: Map<string, Snapshot>): Promise<ReadSnapshot> {
    const previous = stored.get(snapshotKey(spec.source, spec.dataset));
    if (previous && this.isFresh(previous)) return { snapshot: previous, freshness: 'fresh', fetched: false };
    try {
      return { snapshot: await this.fetch(spec, orgnr), freshness: 'fresh', fetched: true };
    } catch (error) {
      if (previous && error instanceof ApierError && error.retryable) {
        return { snapshot: previous, freshness: 'stale', fetched: false };
      }
      throw error;
    }
  }

  private isFresh(snapshot: Snapshot): boolean {
    return this.now().getTime() - snapshot.fetchedAt.getTime() < this.options.freshnessMs;
  }

  private async fetch(spec: DatasetSpec, orgnr: string): Promise<Snapshot> {
    const url = spec.url(this.options.bases, orgnr);
    const response = await fetchUpstream(url, this.options.upstreamTimeoutMs, spec.headers?.(orgnr));
    if (!spec.meaningfulStatuses.includes(response.status)) {
      throw new ApierError(
        'upstream_bad_response',
        `${spec.source} answered ${response.status} for ${spec.dataset}`,
        {
          details: { source: spec.source, dataset: spec.dataset, status: response.status },
        },
      );
    }
    return {
      source: spec.source,
      dataset: spec.dataset,
      sourceUrl: url,
      httpStatus: response.status,
      contentHash: response.contentHash,
      payload: response.body,
      fetchedAt: this.now(),
    };
  }
}
