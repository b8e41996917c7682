import { ApierError } from '@apier/contracts';
import type { DatasetSpec, SourceBaseUrls } from '../upstream/datasets';
import type { UpstreamFetcher } from '../upstream/upstream-fetcher';
import type { Snapshot } from './snapshot';

/**
 * One dataset of one company, fetched now. Statuses the dataset gives meaning to (404, 410) become
 * a snapshot like any 200; anything else is an unusable answer.
 */
export async function fetchSnapshot(
  spec: DatasetSpec,
  orgnr: string,
  upstream: { bases: SourceBaseUrls; fetcher: UpstreamFetcher; maxWaitMs: number; now: Date },
): Promise<Snapshot> {
  const url = spec.url(upstream.bases, orgnr);
  const response = await upstream.fetcher.get(spec.source, url, upstream.maxWaitMs, spec.headers?.(orgnr));
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
    fetchedAt: upstream.now,
  };
}
