import type { MvaViolation } from '../mva-types';
import { sign } from './amount';
import type { LineFacts, Rule } from './rule-input';

export const SPES = {
  tapPaaKrav: 'tapPåKrav',
  uttak: 'uttak',
  justering: 'justering',
  tilbakefoering: 'tilbakeføringAvInngåendeMerverdiavgift',
  kompensasjonsrett: 'kompensasjonsrett',
} as const;

/** The mvaKodeSAFT flag that says which codes may carry each specification. */
const FLAG_OF_SPES: Record<string, string> = {
  [SPES.tapPaaKrav]: 'tapPaaKrav',
  [SPES.uttak]: 'uttak',
  [SPES.justering]: 'justering',
  [SPES.tilbakefoering]: 'tilbakefoeringAvInngaaendeMerverdiavgift',
  [SPES.kompensasjonsrett]: 'kompensasjonsrett',
};

/** R038–R041, R114: specification → rule for "only on these codes" (ordinary returns). */
const SPES_RULES: [string, string][] = [
  [SPES.tapPaaKrav, 'R038'],
  [SPES.uttak, 'R039'],
  [SPES.justering, 'R040'],
  [SPES.tilbakefoering, 'R041'],
  [SPES.kompensasjonsrett, 'R114'],
];

/** R020 names its codes itself: every output or paired code except 5. */
const R020_CODES = new Set([
  '3',
  '6',
  '31',
  '32',
  '33',
  '51',
  '52',
  '81',
  '82',
  '83',
  '84',
  '85',
  '86',
  '87',
  '88',
  '89',
  '91',
  '92',
]);

/** R066 also covers uttak lines on these codes (code 32 is listed by the rule though R039 forbids it). */
const R066_UTTAK_CODES = new Set(['3', '5', '31', '32', '33']);

export const specificationRules: Rule = ({ lines, codeLists, ordinary, melding, at }) => {
  const out: MvaViolation[] = [];
  const kategori = melding.meldingskategori;
  const kompensasjonsrettCodes = codeLists.codesFlagged(FLAG_OF_SPES[SPES.kompensasjonsrett]!);
  for (const line of lines) {
    const { mvaKode, spesifikasjon } = line.linje;
    if (!spesifikasjon) continue;
    if (ordinary)
      for (const [spes, ruleId] of SPES_RULES)
        if (spesifikasjon === spes && !codeLists.codesFlagged(FLAG_OF_SPES[spes]!).has(mvaKode))
          out.push(at(ruleId, line.path('spesifikasjon'), { mvaKode }));
    if (
      spesifikasjon === SPES.kompensasjonsrett &&
      (ordinary || kategori === 'omvendtAvgiftsplikt') &&
      !(kompensasjonsrettCodes.has(mvaKode) && line.hasSats && line.hasGrunnlag)
    )
      out.push(at('R116', line.path(), { mvaKode }));
    if (spesifikasjon === SPES.tilbakefoering && !line.hasMerknad)
      out.push(at('R078', line.path(), { mvaKode }));
  }
  return out;
};

/**
 * R065 input codes carry neither basis nor rate; R066 output codes (and uttak lines) carry both;
 * R081 codes reported twice carry both or neither.
 */
export const basisAndRateRules: Rule = ({ lines, codeLists, ordinary, at }) => {
  const out: MvaViolation[] = [];
  const input = codeLists.codesWithDirection('inngaaende');
  const output = codeLists.codesWithDirection('utgaaende');
  const paired = codeLists.codesWithDirection('begge');
  for (const line of lines) {
    const { mvaKode, spesifikasjon } = line.linje;
    if (ordinary && input.has(mvaKode) && (line.hasGrunnlag || line.hasSats))
      out.push(at('R065', line.path(line.hasGrunnlag ? 'grunnlag' : 'sats'), { mvaKode }));
    const uttak = spesifikasjon === SPES.uttak && R066_UTTAK_CODES.has(mvaKode);
    if ((output.has(mvaKode) || uttak) && !(line.hasGrunnlag && line.hasSats))
      out.push(at('R066', line.path(), { mvaKode }));
    if (ordinary && paired.has(mvaKode) && line.hasGrunnlag !== line.hasSats)
      out.push(at('R081', line.path(), { mvaKode }));
  }
  return out;
};

/**
 * R020 an output line with negative basis, R021 an input line with a positive amount, need a remark
 * (ordinary returns). R021 spares reversals, losses on receivables and adjustments on the codes the
 * code list allows them on.
 */
export const oppositeSignRules: Rule = ({ lines, codeLists, ordinary, at }) => {
  if (!ordinary) return [];
  const out: MvaViolation[] = [];
  const deductible = new Set([
    ...codeLists.codesWithDirection('inngaaende'),
    ...codeLists.codesWithDirection('begge'),
  ]);
  for (const line of lines) {
    const { mvaKode } = line.linje;
    if (R020_CODES.has(mvaKode) && line.grunnlag && sign(line.grunnlag) < 0 && !line.hasMerknad)
      out.push(at('R020', line.path('grunnlag'), { mvaKode }));
    if (
      deductible.has(mvaKode) &&
      !line.hasGrunnlag &&
      line.merverdiavgift &&
      sign(line.merverdiavgift) > 0 &&
      !line.hasMerknad &&
      !exempt(line, codeLists.codesFlagged.bind(codeLists))
    )
      out.push(at('R021', line.path('merverdiavgift'), { mvaKode }));
  }
  return out;
};

function exempt(line: LineFacts, codesFlagged: (flag: string) => Set<string>): boolean {
  const spes = line.linje.spesifikasjon;
  if (spes !== SPES.tilbakefoering && spes !== SPES.tapPaaKrav && spes !== SPES.justering) return false;
  return codesFlagged(FLAG_OF_SPES[spes]!).has(line.linje.mvaKode);
}
