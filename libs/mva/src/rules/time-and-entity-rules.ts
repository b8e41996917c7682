import { checkOrgnr } from '@apier/contracts';
import { filingDeadline } from '../calendar/deadlines';
import { addYears } from '../calendar/iso-date';
import { GRUNNLAG_PATH, ROOT_PATH } from '../melding/melding-xml-names';
import type { MvaViolation } from '../mva-types';
import { type Rule, utvalgtMerknad } from './rule-input';

/** Enhetsregisteret forms of estates: konkursbo (KBO) and other estates incl. dødsbo (BO). */
const ESTATE_FORMS = new Set(['KBO', 'BO']);

/**
 * R059 (alminnelig) / R060 (primærnæring): not before the term has ended — unless the term has started
 * and the taxpayer has reported cessation (under liquidation or deleted), is bankrupt or an estate, or,
 * for primærnæring, the return carries the remark 'forlis' (shipwreck).
 */
export const termEndedRules: Rule = ({ melding, ctx, term, at }) => {
  const kategori = melding.meldingskategori;
  if (kategori !== 'alminnelig' && kategori !== 'primaernaering') return [];
  if (ctx.today > term.end) return [];
  const entity = ctx.entity;
  const ceased =
    entity !== undefined &&
    (entity.konkurs === true ||
      entity.underAvvikling === true ||
      entity.slettedato !== undefined ||
      ESTATE_FORMS.has(entity.organisasjonsform));
  const shipwreck = kategori === 'primaernaering' && utvalgtMerknad(melding) === 'forlis';
  if (ctx.today >= term.start && (ceased || shipwreck)) return [];
  return [at(kategori === 'alminnelig' ? 'R059' : 'R060', `${GRUNNLAG_PATH}/skattleggingsperiode`)];
};

/**
 * R132 a return filed more than three years after the deadline, R133 more than five years after the
 * term, is handled as a request for change.
 */
export const lateCorrectionRules: Rule = ({ melding, ctx, term, at }) => {
  const out: MvaViolation[] = [];
  const { deadline } = filingDeadline(melding.periode, melding.meldingskategori);
  if (ctx.today > addYears(deadline, 3)) out.push(at('R132', `${GRUNNLAG_PATH}/skattleggingsperiode`));
  if (ctx.today > addYears(term.end, 5)) out.push(at('R133', `${GRUNNLAG_PATH}/skattleggingsperiode`));
  return out;
};

/**
 * R126 organisation form UDEF cannot file; R131 an entity deleted before the term started cannot file;
 * ORGNR_MISMATCH (ours) the payload names another organisation than the one filing;
 * ORGNR_MOD11 (ours, opt-in) the payload orgnr fails the check digit.
 */
export const entityRules: Rule = ({ melding, ctx, term, at }) => {
  const out: MvaViolation[] = [];
  const path = `${ROOT_PATH}/skattepliktig`;
  if (ctx.entity?.organisasjonsform === 'UDEF') out.push(at('R126', path));
  if (ctx.entity?.slettedato !== undefined && ctx.entity.slettedato < term.start) out.push(at('R131', path));
  if (ctx.expectedOrgnr !== undefined && melding.orgnr !== ctx.expectedOrgnr)
    out.push(at('ORGNR_MISMATCH', path, { details: `expected ${ctx.expectedOrgnr}` }));
  if (ctx.checkOrgnrMod11 && melding.orgnr !== undefined && !checkOrgnr(melding.orgnr).valid)
    out.push(at('ORGNR_MOD11', `${path}/organisasjonsnummer`));
  return out;
};
