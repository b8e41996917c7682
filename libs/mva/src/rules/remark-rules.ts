import { remarkKey } from '../kodelister/mva-code-lists';
import type { MvaViolation } from '../mva-types';
import { sign } from './amount';
import { type LineFacts, type Rule, utvalgtMerknad } from './rule-input';

/**
 * R074 (normal sign), R075 (opposite sign), R076 (line with a specification): a chosen remark must be
 * one merknadTilsvarendeMvaKode lists for the line's code, specification, delivered sign and category.
 * The sign is the basis's on lines with a basis and the VAT's otherwise; deduction lines of paired codes
 * use the list's `fradrag` rows. A zero amount counts as the expected sign.
 */
export const remarkForCodeRules: Rule = ({ lines, codeLists, flag, at }) => {
  if (!flag) return [];
  const out: MvaViolation[] = [];
  for (const line of lines) {
    const remark = utvalgtMerknad(line.linje);
    if (remark === undefined) continue;
    const { mvaKode, spesifikasjon } = line.linje;
    const fradrag =
      codeLists.koder.get(mvaKode)?.direction === 'begge' && !line.hasGrunnlag && !spesifikasjon;
    const expected = codeLists.expectedSign(mvaKode, spesifikasjon, fradrag, flag);
    const delivered = deliveredSign(line) ?? expected ?? '+';
    const valid = codeLists.merknadTilsvarende.some(
      (row) =>
        row.mvaKode === mvaKode &&
        row.merknad === remarkKey(remark) &&
        row.spesifikasjon === spesifikasjon &&
        row.fradrag === fradrag &&
        row.levertFortegn === delivered &&
        row.categories.has(flag),
    );
    if (valid) continue;
    const ruleId = spesifikasjon ? 'R076' : delivered === (expected ?? '+') ? 'R074' : 'R075';
    out.push(at(ruleId, line.path('merknad'), { mvaKode }));
  }
  return out;
};

function deliveredSign(line: LineFacts): '+' | '-' | undefined {
  const amount = line.hasGrunnlag ? line.grunnlag : line.merverdiavgift;
  if (!amount || sign(amount) === 0) return undefined;
  return sign(amount) > 0 ? '+' : '-';
}
