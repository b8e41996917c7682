import type { TermType } from '../mva-types';

export const MELDING_NS = 'no:skatteetaten:fastsetting:avgift:mva:skattemeldingformerverdiavgift:v1.0';

/** The root path every violation path starts with. */
export const ROOT_PATH = '/mvaMeldingDto';
export const GRUNNLAG_PATH = `${ROOT_PATH}/skattegrunnlagOgBeregnetSkatt`;

export function linePath(index: number, field?: string): string {
  return `${GRUNNLAG_PATH}/mvaSpesifikasjonslinje[${index + 1}]${field ? `/${field}` : ''}`;
}

/** XSD choice element of `periode` for each term type. */
export const PERIOD_ELEMENTS: Record<TermType, string> = {
  maaned: 'skattleggingsperiodeMaaned',
  seksMaaneder: 'skattleggingsperiodeSeksMaaneder',
  toMaaneder: 'skattleggingsperiodeToMaaneder',
  halvMaaned: 'skattleggingsperiodeHalvMaaned',
  treMaaneder: 'skattleggingsperiodeTreMaaneder',
  uke: 'skattleggingsperiodeUke',
  aar: 'skattleggingsperiodeAar',
};

export const TERM_TYPE_OF_ELEMENT = new Map(
  Object.entries(PERIOD_ELEMENTS).map(([type, element]) => [element, type as TermType]),
);
