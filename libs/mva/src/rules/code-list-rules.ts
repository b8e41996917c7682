import { validDuring } from '../kodelister/code-lists';
import { GRUNNLAG_PATH, ROOT_PATH } from '../melding/melding-xml-names';
import type { MvaViolation } from '../mva-types';
import { hasContent, type Rule, utvalgtMerknad } from './rule-input';

/** R104: only these categories can be submitted through the new service. */
const SUBMITTABLE = new Set(['alminnelig', 'primaernaering', 'kompensasjon', 'omvendtAvgiftsplikt']);

/** R002 code known (and valid in the term), R003 rate valid for the code's rate type in the term. */
export const codeAndRateRules: Rule = ({ lines, codeLists, term, melding, at }) => {
  const out: MvaViolation[] = [];
  for (const line of lines) {
    const kode = codeLists.koder.get(line.linje.mvaKode);
    if (!kode || !validDuring(kode, term.start, term.end)) {
      out.push(at('R002', line.path('mvaKode'), { mvaKode: line.linje.mvaKode }));
      continue;
    }
    if (!line.hasSats) continue;
    const rates = codeLists.validRates(kode.kode, melding.meldingskategori, term.start, term.end);
    if (!rates.has(line.linje.sats!))
      out.push(
        at('R003', line.path('sats'), {
          mvaKode: kode.kode,
          details: `valid rates: ${[...rates].join(', ') || 'none'}`,
        }),
      );
  }
  return out;
};

/** R069 specification, R070 line remark, R071 message remark: values of the code lists for the category. */
export const codeListValueRules: Rule = ({ lines, codeLists, flag, melding, at }) => {
  const out: MvaViolation[] = [];
  const remarkAllowed = (value: string, gjelder: 'mva kode' | 'mva-melding') =>
    flag !== undefined &&
    codeLists.merknader.some((m) => m.kode === value && m.gjelder === gjelder && m.categories.has(flag));
  for (const line of lines) {
    const spesifikasjon = line.linje.spesifikasjon;
    if (hasContent(spesifikasjon) && !(flag && codeLists.spesifikasjoner.get(spesifikasjon!)?.has(flag)))
      out.push(at('R069', line.path('spesifikasjon'), { mvaKode: line.linje.mvaKode }));
    const remark = utvalgtMerknad(line.linje);
    if (remark !== undefined && !remarkAllowed(remark, 'mva kode'))
      out.push(at('R070', line.path('merknad'), { mvaKode: line.linje.mvaKode }));
  }
  const remark = utvalgtMerknad(melding);
  if (remark !== undefined && !remarkAllowed(remark, 'mva-melding'))
    out.push(at('R071', `${ROOT_PATH}/merknad`));
  return out;
};

/** R104 category available, R077 no ordinary returns for periods before 2022 (switchable). */
export const categoryRules: Rule = ({ melding, ordinary, ctx, at }) => {
  const out: MvaViolation[] = [];
  if (!SUBMITTABLE.has(melding.meldingskategori)) out.push(at('R104', `${ROOT_PATH}/meldingskategori`));
  if ((ctx.enforceR077 ?? true) && ordinary && melding.periode.year < 2022)
    out.push(at('R077', `${GRUNNLAG_PATH}/skattleggingsperiode`));
  return out;
};

/**
 * R053/R054: with a registered category, every code must be one the code list allows for ordinary
 * returns. Only a code that is known but not flagged alminneligPrimær can trip it; unknown codes are R002.
 */
export const registeredCodeRules: Rule = ({ lines, codeLists, melding, ctx, at }) => {
  const kategori = melding.meldingskategori;
  if (!ctx.register || (kategori !== 'alminnelig' && kategori !== 'primaernaering')) return [];
  const ruleId = kategori === 'alminnelig' ? 'R053' : 'R054';
  return lines
    .filter((line) => {
      const kode = codeLists.koder.get(line.linje.mvaKode);
      return kode !== undefined && !kode.categories.has('alminneligPrimær');
    })
    .map((line) => at(ruleId, line.path('mvaKode'), { mvaKode: line.linje.mvaKode }));
};
