import type { VatRegistration } from '@apier/contracts';

type Json = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** Skatteetaten's register entry plus the innsyn status (terms without a filed return). */
export function mapVatRegistration(
  orgnr: string,
  register: Json | null,
  status: Json | null,
): VatRegistration {
  const registered = register?.['registrert'] === true;
  const terms = Array.isArray(status?.['terminUtenLevertMvaMelding'])
    ? (status['terminUtenLevertMvaMelding'] as Json[])
    : [];
  const felles = (register?.['fellesregistrering'] ?? null) as Json | null;
  return {
    registered,
    vat_number: registered ? `NO ${orgnr} MVA` : null,
    category: str(register?.['meldingskategori']),
    term_type: str(register?.['skattleggingsperiodeType']),
    valid_from: str(register?.['gyldigFra']),
    valid_to: str(register?.['gyldigTil']),
    reporting_unit: str(felles?.['rapporterendeEnhet']),
    has_filed_before:
      typeof status?.['harTidligereSendtMvaMelding'] === 'boolean'
        ? status['harTidligereSendtMvaMelding']
        : null,
    outstanding_terms: terms.map((t) => {
      const periode = (t['skattleggingsperiode'] ?? {}) as Json;
      return {
        category: String(t['meldingskategori'] ?? ''),
        period: String(periode['periode'] ?? ''),
        year: Number(periode['aar']),
        term_type: String(t['skattleggingsperiodeType'] ?? ''),
        deadline: String(t['leveringsfrist'] ?? ''),
      };
    }),
  };
}
