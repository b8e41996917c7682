import { ApierError, COMPANY_CONTEXT_VERSION, type CompanyContext, type Provenance } from '@apier/contracts';
import type { AppLogger } from '@apier/platform';
import type { DelegationStateReader } from '../delegation-state/delegation-state.reader';
import type { RefreshQueue } from '../refresh/refresh.queue';
import type { Environment } from '../snapshots/snapshot';
import type { ReadSnapshot, SnapshotReader } from '../snapshots/snapshot-reader';
import type { SnapshotRepository } from '../snapshots/snapshot.repository';
import {
  ARBEIDSGIVEROVERSIKT,
  DEPENDENT_DATASETS,
  ENHET,
  MVA_INNSENDING_STATUS,
  MVA_INNSENDTE_MELDINGER,
  MVA_REGISTER,
  ROLLER,
  UNDERENHETER,
} from '../upstream/datasets';
import { findDiscrepancies, type ReconcilableContext } from '../reconciliation/discrepancy-rules';
import { mapEmployment } from './map-employment';
import { mapEntity } from './map-entity';
import { mapRoles } from './map-roles';
import { mapVatRegistration } from './map-vat';
import { mapVatReturns } from './map-vat-returns';

type Json = Record<string, unknown>;

const provenance = (read: ReadSnapshot): Provenance => ({
  source: read.snapshot.source as Provenance['source'],
  source_url: read.snapshot.sourceUrl,
  fetched_at: read.snapshot.fetchedAt.toISOString(),
  freshness: read.freshness,
  content_hash: read.snapshot.contentHash,
});

const okBody = (read: ReadSnapshot): Json | null =>
  read.snapshot.httpStatus === 200 && read.snapshot.payload && typeof read.snapshot.payload === 'object'
    ? (read.snapshot.payload as Json)
    : null;

export interface CompanyContextCollaborators {
  repository: Pick<SnapshotRepository, 'findAll' | 'save'>;
  readers: Record<Environment, SnapshotReader>;
  delegations: Pick<DelegationStateReader, 'read'>;
  refreshes: Pick<RefreshQueue, 'enqueue'>;
  events: { flushQuietly(): Promise<void> };
  logger: AppLogger;
}

/**
 * Builds the reconciled company context from stored snapshots: fresh ones as they are, stale ones
 * at once while a background refresh is queued, missing or too old ones fetched and stored first.
 */
export class CompanyContextService {
  constructor(
    private readonly deps: CompanyContextCollaborators,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async build(orgnr: string, sandbox: boolean): Promise<CompanyContext> {
    const environment: Environment = sandbox ? 'sandbox' : 'production';
    const reader = this.deps.readers[environment];
    const stored = await this.deps.repository.findAll(orgnr, environment);

    const enhet = await reader.read(ENHET, orgnr, stored);
    if (enhet.snapshot.httpStatus !== 200) {
      // A tracked company that is gone stays recorded as gone; an unknown number leaves no trace.
      if (stored.size > 0) await this.store(orgnr, environment, [enhet]);
      throw companyGone(orgnr, enhet);
    }
    const dependents = await Promise.all(DEPENDENT_DATASETS.map((spec) => reader.read(spec, orgnr, stored)));
    const reads = [enhet, ...dependents];
    const byDataset = new Map(reads.map((r) => [r.snapshot.dataset, r]));
    const get = (dataset: string) => byDataset.get(dataset)!;
    await this.store(orgnr, environment, reads);

    const enhetBody = okBody(enhet)!;
    const generatedAt = this.now().toISOString();
    const context: ReconcilableContext = {
      schema_version: COMPANY_CONTEXT_VERSION,
      orgnr,
      sandbox,
      generated_at: generatedAt,
      entity: {
        data: mapEntity(enhetBody, okBody(get(UNDERENHETER.dataset))),
        provenance: provenance(enhet),
      },
      roles: { data: mapRoles(okBody(get(ROLLER.dataset))), provenance: provenance(get(ROLLER.dataset)) },
      vat_registration: {
        data: mapVatRegistration(
          orgnr,
          okBody(get(MVA_REGISTER.dataset)),
          okBody(get(MVA_INNSENDING_STATUS.dataset)),
        ),
        provenance: provenance(get(MVA_REGISTER.dataset)),
      },
      vat_returns: {
        data: mapVatReturns(okBody(get(MVA_INNSENDTE_MELDINGER.dataset))),
        provenance: provenance(get(MVA_INNSENDTE_MELDINGER.dataset)),
      },
      employment: {
        data: mapEmployment(
          get(ARBEIDSGIVEROVERSIKT.dataset).snapshot.httpStatus === 200
            ? get(ARBEIDSGIVEROVERSIKT.dataset).snapshot.payload
            : [],
        ),
        provenance: provenance(get(ARBEIDSGIVEROVERSIKT.dataset)),
      },
      delegation: {
        data: await this.deps.delegations.read(orgnr, sandbox),
        provenance: apierProvenance(generatedAt),
      },
    };
    return { ...context, discrepancies: findDiscrepancies(context) };
  }

  /** Stores what this read fetched and queues background refreshes for what it served stale. */
  private async store(orgnr: string, environment: Environment, reads: ReadSnapshot[]): Promise<void> {
    const fetched = reads.filter((r) => r.fetched).map((r) => r.snapshot);
    const enhet = fetched.find((s) => s.dataset === ENHET.dataset && s.httpStatus === 200);
    const name = String((enhet?.payload as Json | undefined)?.['navn'] ?? '') || null;
    const event = await this.deps.repository.save(orgnr, environment, name, fetched, {
      cause: 'on-demand',
      feed: null,
    });
    if (event) void this.deps.events.flushQuietly();
    for (const read of reads.filter((r) => r.revalidate)) {
      // The read has its answer already; a queue that cannot take the job only delays freshness.
      this.deps.refreshes
        .enqueue({ orgnr, environment, dataset: read.snapshot.dataset, cause: 'background' })
        .catch((error: unknown) =>
          this.deps.logger.warn(
            { err: error, orgnr, dataset: read.snapshot.dataset },
            'background refresh not queued',
          ),
        );
    }
  }
}

function companyGone(orgnr: string, enhet: ReadSnapshot): ApierError {
  if (enhet.snapshot.httpStatus === 410) {
    return new ApierError('company_removed', `Company ${orgnr} has been removed from the open register`, {
      details: { orgnr, slettedato: (enhet.snapshot.payload as Json | null)?.['slettedato'] ?? null },
    });
  }
  return new ApierError('company_not_found', `No company with organisation number ${orgnr} is registered`, {
    details: { orgnr },
  });
}

function apierProvenance(at: string): Provenance {
  return { source: 'apier', source_url: null, fetched_at: at, freshness: 'fresh', content_hash: null };
}
