import type { Source } from '@apier/contracts';

export interface SourceBaseUrls {
  brreg: string;
  skatteetaten: string;
  nav: string;
}

/** One upstream document Apier keeps a snapshot of. */
export interface DatasetSpec {
  source: Exclude<Source, 'apier'>;
  dataset: string;
  url(bases: SourceBaseUrls, orgnr: string): string;
  headers?(orgnr: string): Record<string, string>;
  /** Statuses that carry meaning for this dataset; anything else is an unusable answer. */
  meaningfulStatuses: readonly number[];
}

export const ENHET: DatasetSpec = {
  source: 'brreg',
  dataset: 'enhet',
  url: (b, orgnr) => `${b.brreg}/enheter/${orgnr}`,
  meaningfulStatuses: [200, 404, 410],
};

export const ROLLER: DatasetSpec = {
  source: 'brreg',
  dataset: 'roller',
  url: (b, orgnr) => `${b.brreg}/enheter/${orgnr}/roller`,
  meaningfulStatuses: [200, 404, 410],
};

export const UNDERENHETER: DatasetSpec = {
  source: 'brreg',
  dataset: 'underenheter',
  url: (b, orgnr) => `${b.brreg}/underenheter?overordnetEnhet=${orgnr}&size=1000`,
  meaningfulStatuses: [200],
};

export const MVA_REGISTER: DatasetSpec = {
  source: 'skatteetaten',
  dataset: 'mva-register',
  url: (b, orgnr) => `${b.skatteetaten}/api/mva/mvaregister/v1/enhet/${orgnr}`,
  meaningfulStatuses: [200, 404],
};

export const MVA_INNSENDING_STATUS: DatasetSpec = {
  source: 'skatteetaten',
  dataset: 'mva-innsending-status',
  url: (b, orgnr) =>
    `${b.skatteetaten}/api/mva/grensesnittstoette/innsyn/melding/innsending/status/v1/${orgnr}`,
  meaningfulStatuses: [200, 404],
};

/** The first innsyn page of submitted returns: the ten newest terms, which is what the context shows. */
export const MVA_INNSENDTE_MELDINGER: DatasetSpec = {
  source: 'skatteetaten',
  dataset: 'mva-innsendte-meldinger',
  url: (b, orgnr) =>
    `${b.skatteetaten}/api/mva/grensesnittstoette/innsyn/melding/innsending/melding/v1/${orgnr}`,
  meaningfulStatuses: [200, 404],
};

export const ARBEIDSGIVEROVERSIKT: DatasetSpec = {
  source: 'nav',
  dataset: 'arbeidsgiveroversikt',
  url: (b) => `${b.nav}/api/v1/opplysningspliktig/arbeidsgiveroversikt`,
  headers: (orgnr) => ({ 'Nav-Opplysningspliktigident': orgnr }),
  meaningfulStatuses: [200, 404],
};

/** Everything fetched after the entity itself has been found. */
export const DEPENDENT_DATASETS = [
  ROLLER,
  UNDERENHETER,
  MVA_REGISTER,
  MVA_INNSENDING_STATUS,
  MVA_INNSENDTE_MELDINGER,
  ARBEIDSGIVEROVERSIKT,
] as const;

export const ALL_DATASETS: readonly DatasetSpec[] = [ENHET, ...DEPENDENT_DATASETS];

/** What an entry of Brreg's update feed for a main unit may have changed. */
export const BRREG_DATASETS: readonly DatasetSpec[] = [ENHET, ROLLER, UNDERENHETER];

export function datasetSpec(dataset: string): DatasetSpec | undefined {
  return ALL_DATASETS.find((spec) => spec.dataset === dataset);
}
