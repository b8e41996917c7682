import { filingDeadline } from '../calendar/deadlines';
import { addYears } from '../calendar/iso-date';
import { sameTerm, termBounds, termsOfYear } from '../calendar/terms';
import { GRUNNLAG_PATH, ROOT_PATH } from '../melding/melding-xml-names';
import type { MvaViolation, Skattleggingsperiode } from '../mva-types';
import { parseAmount, sign } from './amount';
import type { Rule } from './rule-input';

/** The first day the new service accepts ordinary returns for (R077); no earlier term can be "missing". */
const FIRST_TERM_DAY = '2022-01-01';

/** How far back R061/R062 look for missing terms. */
const MISSING_TERMS_LOOKBACK_YEARS = 10;

/**
 * Ordinary returns checked against the MVA register (only when register facts are given, as
 * Skatteetaten skips them when register data is unavailable):
 * R047/R048 category registered; R049/R050 term length registered; R072/R073 the term overlaps the
 * registration's validity; R051 a joint registration files through its reporting unit; R083 no input
 * deductions on a one-off registration.
 */
export const registerRules: Rule = ({ melding, ctx, codeLists, lines, term, at }) => {
  const register = ctx.register;
  const kategori = melding.meldingskategori;
  if (!register || (kategori !== 'alminnelig' && kategori !== 'primaernaering')) return [];
  const alminnelig = kategori === 'alminnelig';
  const out: MvaViolation[] = [];
  const categoryRegistered = register.registrert && register.meldingskategori === kategori;
  if (!categoryRegistered) out.push(at(alminnelig ? 'R047' : 'R048', `${ROOT_PATH}/meldingskategori`));
  if (register.terminType !== melding.periode.type)
    out.push(
      at(alminnelig ? 'R049' : 'R050', `${GRUNNLAG_PATH}/skattleggingsperiode`, {
        details: `registered ${register.terminType}, filed ${melding.periode.type}`,
      }),
    );
  if (
    categoryRegistered &&
    (term.end < register.gyldigFra || (register.gyldigTil !== undefined && term.start > register.gyldigTil))
  )
    out.push(at(alminnelig ? 'R072' : 'R073', `${GRUNNLAG_PATH}/skattleggingsperiode`));
  if (register.rapporterendeEnhet && register.rapporterendeEnhet !== melding.orgnr)
    out.push(at('R051', `${ROOT_PATH}/skattepliktig`));
  if (register.engangsregistrering) {
    const input = codeLists.codesWithDirection('inngaaende');
    const deduction = lines.find((l) => input.has(l.linje.mvaKode));
    if (deduction) out.push(at('R083', deduction.path(), { mvaKode: deduction.linje.mvaKode }));
  }
  return out;
};

/**
 * R061 (VAT to pay) / R062 (refund withheld): earlier terms whose deadline has passed are missing from
 * the submitted terms. Runs only when the register lists the submitted terms.
 */
export const missingTermsRules: Rule = ({ melding, ctx, term, at }) => {
  const register = ctx.register;
  const kategori = melding.meldingskategori;
  if (!register?.submittedTerms || (kategori !== 'alminnelig' && kategori !== 'primaernaering')) return [];
  const fastsatt = parseAmount(melding.fastsattMerverdiavgift);
  if (!fastsatt || sign(fastsatt) === 0) return [];
  const missing = earlierTerms(
    register.terminType,
    term.start,
    register.gyldigFra,
    register.gyldigTil,
  ).filter(
    (t) =>
      filingDeadline(t, kategori).deadline < ctx.today &&
      !register.submittedTerms!.some((s) => sameTerm(s, t)),
  );
  if (missing.length === 0) return [];
  return [
    at(sign(fastsatt) > 0 ? 'R061' : 'R062', `${GRUNNLAG_PATH}/skattleggingsperiode`, {
      details: `missing: ${missing.map((t) => `${t.value} ${t.year}`).join(', ')}`,
    }),
  ];
};

function earlierTerms(
  type: Skattleggingsperiode['type'],
  before: string,
  gyldigFra: string,
  gyldigTil: string | undefined,
): Skattleggingsperiode[] {
  const from = [gyldigFra, FIRST_TERM_DAY, addYears(before, -MISSING_TERMS_LOOKBACK_YEARS)].sort().at(-1)!;
  const terms: Skattleggingsperiode[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(before.slice(0, 4)); year++)
    for (const t of termsOfYear(type, year)) {
      const bounds = termBounds(t);
      if (bounds.end >= from && bounds.end < before && (gyldigTil === undefined || bounds.start <= gyldigTil))
        terms.push(t);
    }
  return terms;
}
