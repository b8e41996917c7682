import type { CompanyChangedEvent } from '@apier/contracts';
import { fetchSnapshot } from '../snapshots/fetch-snapshot';
import type { Environment, Snapshot } from '../snapshots/snapshot';
import type { RefreshContext, SnapshotRepository } from '../snapshots/snapshot.repository';
import type { DatasetSpec, SourceBaseUrls } from '../upstream/datasets';
import type { UpstreamFetcher } from '../upstream/upstream-fetcher';

export interface EnvironmentUpstreams {
  bases: SourceBaseUrls;
  fetcher: UpstreamFetcher;
}

export interface RefreshRequest {
  orgnr: string;
  environment: Environment;
  datasets: readonly DatasetSpec[];
  context: RefreshContext;
}

/**
 * Fetches datasets of one company now, whatever their age, and stores them (with the
 * `company.changed` event when content changed). What was fetched is stored even when another
 * dataset failed; the first failure is then thrown, so the caller retries the refresh.
 */
export class CompanyRefresher {
  constructor(
    private readonly repository: SnapshotRepository,
    private readonly upstreams: Record<Environment, EnvironmentUpstreams>,
    private readonly events: { flushQuietly(): Promise<void> },
    /** How long a background refresh may wait for a rate-limit token before it is put off. */
    private readonly tokenWaitMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async refresh(request: RefreshRequest): Promise<CompanyChangedEvent | null> {
    const { bases, fetcher } = this.upstreams[request.environment];
    const at = this.now();
    const settled = await Promise.allSettled(
      request.datasets.map((spec) =>
        fetchSnapshot(spec, request.orgnr, { bases, fetcher, maxWaitMs: this.tokenWaitMs, now: at }),
      ),
    );
    const fetched = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const event = await this.repository.save(
      request.orgnr,
      request.environment,
      registeredName(fetched),
      fetched,
      request.context,
    );
    if (event) void this.events.flushQuietly();
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) throw failure.reason;
    return event;
  }
}

function registeredName(snapshots: Snapshot[]): string | null {
  const enhet = snapshots.find((s) => s.source === 'brreg' && s.dataset === 'enhet' && s.httpStatus === 200);
  const navn = (enhet?.payload as { navn?: unknown } | null)?.navn;
  return typeof navn === 'string' && navn.length > 0 ? navn : null;
}
