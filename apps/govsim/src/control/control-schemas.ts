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
