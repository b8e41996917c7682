import type { CompanyContext } from '@apier/contracts';
import {
  MELDINGSKATEGORIER,
  type Meldingskategori,
  type MvaEntityFacts,
  type MvaRegisterFacts,
  TERM_TYPES,
  type TermType,
} from '@apier/mva';

const isTermType = (v: string | null): v is TermType =>
  v !== null && (TERM_TYPES as readonly string[]).includes(v);
const isKategori = (v: string | null): v is Meldingskategori =>
  v !== null && (MELDINGSKATEGORIER as readonly string[]).includes(v);

/**
 * The register facts the business rules need, taken from the company context. Without a complete
 * registration (category, term type, start) the register-dependent rules are left out rather
 * than run against guesses.
 */
export function registerFacts(context: CompanyContext): MvaRegisterFacts | undefined {
  const vat = context.vat_registration.data;
  if (!vat.registered) {
    return {
      registrert: false,
      meldingskategori: 'alminnelig',
      terminType: 'toMaaneder',
      gyldigFra: '0001-01-01',
    };
  }
  if (!isKategori(vat.category) || !isTermType(vat.term_type) || vat.valid_from === null) return undefined;
  return {
    registrert: true,
    meldingskategori: vat.category,
    terminType: vat.term_type,
    gyldigFra: vat.valid_from,
    ...(vat.valid_to ? { gyldigTil: vat.valid_to } : {}),
    ...(vat.reporting_unit ? { rapporterendeEnhet: vat.reporting_unit } : {}),
    submittedTerms: context.vat_returns.data.flatMap((r) =>
      isTermType(r.term_type) ? [{ type: r.term_type, value: r.period, year: r.year }] : [],
    ),
  };
}

export function entityFacts(context: CompanyContext): MvaEntityFacts {
  const entity = context.entity.data;
  return {
    organisasjonsform: entity.organisation_form.code,
    ...(entity.deleted_at ? { slettedato: entity.deleted_at } : {}),
    konkurs: entity.bankruptcy.bankrupt,
    underAvvikling: entity.liquidation.under_liquidation,
  };
}
