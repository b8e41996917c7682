import type { GovsimWorld } from '../fixtures/govsim-world';
import type { Meldingskategori, SkattleggingsperiodeType } from '../fixtures/world-model';
import type { AppInstance } from './app-instance';

const INNSYN_KATEGORIER: readonly string[] = ['alminnelig', 'primaernaering', 'omvendtAvgiftsplikt'];
const INNSYN_TERM_TYPES: readonly string[] = ['toMaaneder', 'maaned', 'treMaaneder', 'aar'];

/**
 * Once Skatteetaten has answered, the return shows in its innsyn API. The innsyn model knows only
 * the categories and term lengths of the register; a return outside them is not listed there.
 */
export function recordInInnsyn(world: GovsimWorld, instance: AppInstance): void {
  const reviewed = instance.reviewed;
  if (!reviewed || !instance.delivery || !world.company(instance.orgnr)) return;
  if (!INNSYN_KATEGORIER.includes(reviewed.meldingskategori)) return;
  if (!INNSYN_TERM_TYPES.includes(reviewed.periode.type)) return;
  world.recordSubmittedMvaReturn(instance.orgnr, {
    meldingskategori: reviewed.meldingskategori as Meldingskategori,
    periode: reviewed.periode.value,
    aar: reviewed.periode.year,
    skattleggingsperiodeType: reviewed.periode.type as SkattleggingsperiodeType,
    innsendt: instance.delivery.deliveredAt,
  });
}
