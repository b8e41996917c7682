import { ApierError, COMPANY_CONTEXT_VERSION, type CompanyContext, type Provenance } from '@apier/contracts';
import type { DelegationStateReader } from '../delegation-state/delegation-state.reader';
import type { Environment } from '../snapshots/snapshot';
import type { ReadSnapshot, SnapshotReader } from '../snapshots/snapshot-reader';
import type { SnapshotRepository } from '../snapshots/snapshot.repository';
import {
  ARBEIDSGIVEROVERSIKT,
  DEPENDENT_DATASETS,
  ENHET,
  MVA_INNSENDING_STATUS,
  MVA_REGISTER,
  ROLLER,
  UNDERENHETER,
} from '../upstream/datasets';
import { findDiscrepancies, type ReconcilableContext } from '../reconciliation/discrepancy-rules';
import { mapEmployment } from './map-employment';
import { mapEntity } from './map-entity';
import { mapRoles } from './map-roles';
import { mapVatRegistration } from './map-vat';

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

/** Builds the reconciled company context from stored snapshots, refreshing what is missing or old. */
export class CompanyContextService {
  constructor(
    private readonly repository: SnapshotRepository,
    private readonly readers: Record<Environment, SnapshotReader>,
    private readonly delegations: Pick<DelegationStateReader, 'read'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async build(orgnr: string, sandbox: boolean): Promise<CompanyContext> {
    const environment: Environment = sandbox ? 'sandbox' : 'production';
    const reader = this.readers[environment];
    const stored = await this.repository.findAll(orgnr, environment);

    const enhet = await reader.read(ENHET, orgnr, stored);
    this.assertCompanyExists(orgnr, enhet);
    const dependents = await Promise.all(DEPENDENT_DATASETS.map((spec) => reader.read(spec, orgnr, stored)));
    const byDataset = new Map([enhet, ...dependents].map((r) => [r.snapshot.dataset, r]));
    const get = (dataset: string) => byDataset.get(dataset)!;

    const enhetBody = okBody(enhet)!;
    const fetched = [enhet, ...dependents].filter((r) => r.fetched).map((r) => r.snapshot);
    await this.repository.saveAll(orgnr, environment, String(enhetBody['navn'] ?? '') || null, fetched);

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
      employment: {
        data: mapEmployment(
          get(ARBEIDSGIVEROVERSIKT.dataset).snapshot.httpStatus === 200
            ? get(ARBEIDSGIVEROVERSIKT.dataset).snapshot.payload
            : [],
        ),
        provenance: provenance(get(ARBEIDSGIVEROVERSIKT.dataset)),
      },
      delegation: {
        data: await this.delegations.read(orgnr, sandbox),
        provenance: apierProvenance(generatedAt),
      },
    };
    return { ...context, discrepancies: findDiscrepancies(context) };
  }

  private assertCompanyExists(orgnr: string, enhet: ReadSnapshot): void {
    const status = enhet.snapshot.httpStatus;
    if (status === 404)
      throw new ApierError(
        'company_not_found',
        `No company with organisation number ${orgnr} is registered`,
        { details: { orgnr } },
      );
    if (status === 410) {
      throw new ApierError('company_removed', `Company ${orgnr} has been removed from the open register`, {
        details: { orgnr, slettedato: (enhet.snapshot.payload as Json | null)?.['slettedato'] ?? null },
      });
    }
  }
}

function apierProvenance(at: string): Provenance {
  return { source: 'apier', source_url: null, fetched_at: at, freshness: 'fresh', content_hash: null };
}
