import { z } from 'zod';
import { EVENTS } from '../messaging/subjects';

export const COMPANY_ENVIRONMENTS = ['production', 'sandbox'] as const;
export const CompanyEnvironmentSchema = z.enum(COMPANY_ENVIRONMENTS);
export type CompanyEnvironment = z.infer<typeof CompanyEnvironmentSchema>;

/** What made registry-sync look at the upstream again. */
export const REFRESH_CAUSES = ['update-feed', 'scheduled', 'on-demand', 'background'] as const;
export const RefreshCauseSchema = z.enum(REFRESH_CAUSES);
export type RefreshCause = z.infer<typeof RefreshCauseSchema>;

export const BRREG_FEEDS = ['enheter', 'underenheter'] as const;
export const BrregFeedSchema = z.enum(BRREG_FEEDS);
export type BrregFeed = z.infer<typeof BrregFeedSchema>;

export const ENDRINGSTYPER = ['Ny', 'Endring', 'Sletting', 'Fjernet', 'Ukjent'] as const;
export const EndringstypeSchema = z.enum(ENDRINGSTYPER);

export const COMPANY_CHANGED_SUBJECT = EVENTS.company.changed;

/** One stored upstream document whose content differs from what Apier held before. */
export const DatasetChangeSchema = z.object({
  source: z.enum(['brreg', 'skatteetaten', 'nav']),
  dataset: z.string(),
  old_content_hash: z.string(),
  new_content_hash: z.string(),
  old_http_status: z.number().int(),
  new_http_status: z.number().int(),
});
export type DatasetChange = z.infer<typeof DatasetChangeSchema>;

/**
 * `apier.events.company.changed` on JetStream, at least once: consumers dedupe on `id`, which is
 * also the message's `Nats-Msg-Id`. Published only when a refreshed document's content hash
 * differs from the stored one; the first fetch of a company is not a change.
 */
export const CompanyChangedEventSchema = z.object({
  id: z.uuid(),
  type: z.literal('company.changed'),
  occurred_at: z.iso.datetime({ offset: true }),
  orgnr: z.string(),
  environment: CompanyEnvironmentSchema,
  cause: RefreshCauseSchema,
  datasets: z.array(DatasetChangeSchema).min(1),
  /** The Brreg update-feed entry that led to the refresh; null for any other cause. */
  feed: z
    .object({
      name: BrregFeedSchema,
      oppdateringsid: z.number().int(),
      endringstype: EndringstypeSchema,
      organisasjonsnummer: z
        .string()
        .meta({ description: 'The unit the entry is about (a sub-unit in `underenheter`)' }),
    })
    .nullable(),
});
export type CompanyChangedEvent = z.infer<typeof CompanyChangedEventSchema>;
