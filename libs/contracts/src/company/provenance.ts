import { z } from 'zod';

export const SOURCES = ['brreg', 'skatteetaten', 'nav', 'apier'] as const;
export const SourceSchema = z.enum(SOURCES);
export type Source = z.infer<typeof SourceSchema>;

/** Where one section of the company context came from and how fresh it is. */
export const ProvenanceSchema = z.object({
  source: SourceSchema,
  source_url: z
    .string()
    .nullable()
    .meta({ description: 'The upstream URL the data was read from (null for data Apier owns)' }),
  fetched_at: z.iso.datetime({ offset: true }),
  freshness: z.enum(['fresh', 'stale']),
  content_hash: z.string().nullable().meta({ description: 'SHA-256 of the upstream body as received' }),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

export function section<T extends z.ZodType>(data: T) {
  return z.object({ data, provenance: ProvenanceSchema });
}
