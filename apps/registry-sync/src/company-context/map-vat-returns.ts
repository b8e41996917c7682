import type { VatReturn } from '@apier/contracts';

type Json = Record<string, unknown>;

/** Skatteetaten's innsyn status words, in the context's own. */
const STATUS: Record<string, string> = { mottatt: 'received', fastsatt: 'assessed' };

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const isoInstant = (v: unknown): string | null => {
  const s = str(v);
  return s !== null && !Number.isNaN(Date.parse(s)) ? new Date(s).toISOString() : null;
};

/** The innsyn list of submitted returns (one page) → recent returns, newest first. */
export function mapVatReturns(page: Json | null): VatReturn[] {
  const list = Array.isArray(page?.['innsendtMelding']) ? (page['innsendtMelding'] as Json[]) : [];
  return list
    .filter((m) => typeof m['sekvensnummer'] === 'number')
    .map((m) => {
      const periode = (m['skattleggingsperiode'] ?? {}) as Json;
      const status = String(m['status'] ?? '');
      const assessed = m['fastsattMerverdiavgift'];
      return {
        period: String(periode['periode'] ?? ''),
        year: Number(periode['aar']),
        term_type: str(m['skattleggingsperiodeType']),
        category: String(m['meldingskategori'] ?? ''),
        status: STATUS[status] ?? status,
        submitted_at: isoInstant(m['innsendingstidspunkt']),
        sequence_number: m['sekvensnummer'] as number,
        assessed_vat: typeof assessed === 'number' ? assessed : null,
      };
    })
    .sort((a, b) => b.sequence_number - a.sequence_number);
}
