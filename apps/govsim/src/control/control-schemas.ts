import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const CompanyListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Unknown fields are refused so a typo (say `konkur`) cannot silently change nothing. */
export const CompanyStateChangeSchema = z
  .strictObject({
    konkurs: z.boolean().optional(),
    konkursdato: isoDate.optional(),
    underAvvikling: z.boolean().optional(),
    underAvviklingDato: isoDate.optional(),
    slettet: z.boolean().optional(),
    fjernet: z.boolean().optional(),
    slettedato: isoDate.optional(),
  })
  .refine((change) => !(change.slettet && change.fjernet), {
    message: 'A company is either deleted (slettet) or removed (fjernet), not both',
  });

const optionalText = z.string().min(1).nullable().optional();

/** `POST /govsim/control/companies/:orgnr/changes`: plain Enhet facts; `null` clears an optional one. */
export const EnhetChangeSchema = z.strictObject({
  patch: z
    .strictObject({
      navn: z.string().min(1).optional(),
      hjemmeside: optionalText,
      epostadresse: optionalText,
      telefon: optionalText,
      mobil: optionalText,
      antallAnsatte: z.number().int().min(0).nullable().optional(),
      harRegistrertAntallAnsatte: z.boolean().optional(),
      sisteInnsendteAarsregnskap: z
        .string()
        .regex(/^\d{4}$/, 'expected a year as YYYY')
        .nullable()
        .optional(),
      registrertIMvaregisteret: z.boolean().optional(),
      erIKonsern: z.boolean().nullable().optional(),
    })
    .refine((patch) => Object.keys(patch).length > 0, { message: 'The patch changes nothing' }),
});
