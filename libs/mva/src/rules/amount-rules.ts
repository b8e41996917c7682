import { GRUNNLAG_PATH } from '../melding/melding-xml-names';
import type { MvaViolation } from '../mva-types';
import {
  abs,
  compare,
  fromInteger,
  isWhole,
  parseAmount,
  parseRate,
  sign,
  sum,
  vatFraction,
  wholeKroner,
  ZERO,
} from './amount';
import type { Rule } from './rule-input';

/**
 * R085's limit is not published ("maks verdi", set by Skatteetaten's data warehouse). We take the largest
 * whole amount a NUMBER(17,2) column holds, 999 999 999 999 999 kroner.
 */
export const MAX_GRUNNLAG = 999_999_999_999_999n;

/** R052: the rule text says one million, the executable rule compares with 1 100 000. */
export const ANNUAL_TERM_TURNOVER_LIMIT = 1_100_000n;

const FASTSATT_PATH = `${GRUNNLAG_PATH}/fastsattMerverdiavgift`;

/** R018 lines add up to fastsattMerverdiavgift; R084 a non-zero total needs lines (ordinary). */
export const totalRules: Rule = ({ melding, lines, ordinary, at }) => {
  const out: MvaViolation[] = [];
  const fastsatt = parseAmount(melding.fastsattMerverdiavgift) ?? ZERO;
  const total = sum(lines.map((l) => l.merverdiavgift ?? ZERO));
  if (compare(total, fastsatt) !== 0)
    out.push(
      at('R018', FASTSATT_PATH, {
        details: `sum of lines ${format(total)}, fastsatt ${melding.fastsattMerverdiavgift}`,
      }),
    );
  if (ordinary && sign(fastsatt) !== 0 && lines.length === 0) out.push(at('R084', FASTSATT_PATH));
  return out;
};

/** R082 whole kroner only. An amount like 100.00 has no decimals in value and passes. */
export const wholeKronerRules: Rule = ({ melding, lines, at }) => {
  const out: MvaViolation[] = [];
  for (const line of lines) {
    for (const field of ['grunnlag', 'merverdiavgift'] as const) {
      const amount = line[field];
      if (amount && !isWhole(amount)) out.push(at('R082', line.path(field), { mvaKode: line.linje.mvaKode }));
    }
  }
  const fastsatt = parseAmount(melding.fastsattMerverdiavgift);
  if (fastsatt && !isWhole(fastsatt)) out.push(at('R082', FASTSATT_PATH));
  return out;
};

/**
 * R019 merverdiavgift = grunnlag × sats rounded down to whole kroner (for negative amounts truncation
 * is accepted too, the direction is undocumented); R085 grunnlag at most MAX_GRUNNLAG;
 * R122 a positive grunnlag exceeds the VAT (ordinary and reverse-charge returns);
 * R127 a normal-sign output line whose grunnlag × sats is at least one krone cannot carry 0 VAT.
 */
export const lineAmountRules: Rule = ({ melding, lines, codeLists, at }) => {
  const out: MvaViolation[] = [];
  const kategori = melding.meldingskategori;
  for (const line of lines) {
    const { grunnlag, merverdiavgift } = line;
    const mvaKode = line.linje.mvaKode;
    if (!grunnlag || !merverdiavgift) continue;
    if (compare(abs(grunnlag), fromInteger(MAX_GRUNNLAG)) > 0 && sign(grunnlag) > 0)
      out.push(at('R085', line.path('grunnlag'), { mvaKode }));
    if (
      (kategori === 'alminnelig' || kategori === 'primaernaering' || kategori === 'omvendtAvgiftsplikt') &&
      sign(grunnlag) > 0 &&
      compare(grunnlag, merverdiavgift) <= 0
    )
      out.push(at('R122', line.path('merverdiavgift'), { mvaKode }));
    const rate = parseRate(line.linje.sats);
    if (!rate) continue;
    const exact = vatFraction(grunnlag, rate);
    const { floor, trunc } = wholeKroner(exact);
    const stated = isWhole(merverdiavgift)
      ? merverdiavgift.units / 10n ** BigInt(merverdiavgift.scale)
      : undefined;
    if (stated === undefined || (stated !== floor && stated !== trunc))
      out.push(at('R019', line.path('merverdiavgift'), { mvaKode, details: `expected ${floor}` }));
    const outputCode = codeLists.koder.get(mvaKode)?.direction !== 'inngaaende';
    if (
      kategori !== 'kompensasjon' &&
      outputCode &&
      sign(grunnlag) > 0 &&
      sign(merverdiavgift) === 0 &&
      exact.numerator >= exact.denominator
    )
      out.push(at('R127', line.path('merverdiavgift'), { mvaKode }));
  }
  return out;
};

/**
 * R052: an annual alminnelig return reports taxable turnover below the limit. Turnover is the basis
 * of domestic and export sales: the output codes the code list files under sales (codes 3, 31, 32, 33,
 * 5, 51, 52), i.e. output codes except those for purchases from abroad and code 6 (outside the Act).
 */
export const annualTurnoverRule: Rule = ({ melding, lines, codeLists, at }) => {
  if (melding.meldingskategori !== 'alminnelig' || melding.periode.type !== 'aar') return [];
  const salesCodes = codeLists.salesCodes();
  const turnover = sum(lines.filter((l) => salesCodes.has(l.linje.mvaKode)).map((l) => l.grunnlag ?? ZERO));
  return compare(turnover, fromInteger(ANNUAL_TERM_TURNOVER_LIMIT)) >= 0
    ? [at('R052', `${GRUNNLAG_PATH}/skattleggingsperiode`, { details: `turnover ${format(turnover)}` })]
    : [];
};

function format(amount: { units: bigint; scale: number }): string {
  if (amount.scale === 0) return amount.units.toString();
  const negative = amount.units < 0n;
  const digits = (negative ? -amount.units : amount.units).toString().padStart(amount.scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -amount.scale)}.${digits.slice(-amount.scale)}`;
}
