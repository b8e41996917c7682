import type { Employment } from '@apier/contracts';

type Json = Record<string, unknown>;

/** NAV's arbeidsgiveroversikt is per workplace (sub-unit); the company total is their sum. */
export function mapEmployment(oversikt: unknown): Employment {
  const rows = Array.isArray(oversikt) ? (oversikt as Json[]) : [];
  const by_workplace = rows.map((row) => ({
    orgnr: String(((row['arbeidsgiver'] ?? {}) as Json)['organisasjonsnummer'] ?? ''),
    active: Number(row['aktiveArbeidsforhold'] ?? 0),
    inactive: Number(row['inaktiveArbeidsforhold'] ?? 0),
  }));
  return {
    active_employments: by_workplace.reduce((sum, w) => sum + w.active, 0),
    inactive_employments: by_workplace.reduce((sum, w) => sum + w.inactive, 0),
    by_workplace,
  };
}
