import { z } from 'zod';
import { MELDINGSKATEGORIER, type MvaMelding, TERM_TYPES } from '../mva-types';

const text = z.string().max(4000);
const decimal = z
  .string()
  .regex(/^[+-]?(\d+(\.\d*)?|\.\d+)$/, 'a decimal number written as text, e.g. "-2500"');
const merknad = z.union([
  z.strictObject({ beskrivelse: text }),
  z.strictObject({ utvalgtMerknad: z.string() }),
]);

/**
 * The JSON form of a melding, strict (unknown fields are refused). It checks shape and types only;
 * rendering and `validateMvaMelding` then apply the XSD and the rules.
 */
export const MvaMeldingSchema = z.strictObject({
  regnskapssystemsreferanse: text,
  regnskapssystem: z.strictObject({ systemnavn: text, systemversjon: text.optional() }).optional(),
  periode: z.strictObject({
    type: z.enum(TERM_TYPES as [MvaMelding['periode']['type'], ...MvaMelding['periode']['type'][]]),
    value: z.string(),
    year: z.number().int().min(1).max(9999),
  }),
  fastsattMerverdiavgift: decimal,
  linjer: z.array(
    z.strictObject({
      mvaKode: z.string(),
      spesifikasjon: z.string().optional(),
      mvaKodeRegnskapsystem: text.optional(),
      grunnlag: decimal.optional(),
      sats: z.string().optional(),
      merverdiavgift: decimal,
      merknad: merknad.optional(),
    }),
  ),
  kid: text.optional(),
  orgnr: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  identifikasjonsnummer: z
    .string()
    .regex(/^\d{7}$/)
    .optional(),
  meldingskategori: z.enum(
    MELDINGSKATEGORIER as [MvaMelding['meldingskategori'], ...MvaMelding['meldingskategori'][]],
  ),
  merknad: merknad.optional(),
});

export type ParseMvaMeldingJsonResult = { ok: true; melding: MvaMelding } | { ok: false; issues: string[] };

/** Checks untrusted JSON against the melding's shape, naming each problem by its JSON path. */
export function parseMvaMeldingJson(input: unknown): ParseMvaMeldingJsonResult {
  const result = MvaMeldingSchema.safeParse(input);
  if (result.success) return { ok: true, melding: result.data as MvaMelding };
  return {
    ok: false,
    issues: result.error.issues.map(
      (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`,
    ),
  };
}
