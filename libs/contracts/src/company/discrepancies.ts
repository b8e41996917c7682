import { z } from 'zod';
import { SourceSchema } from './provenance';

/** Every rule that can report a discrepancy; the id is stable so clients can switch on it. */
export const DISCREPANCY_RULES = [
  'mva-register-mismatch',
  'employee-count-mismatch',
  'deleted-entity',
  'bankrupt-entity',
  'under-liquidation',
  'delegation-on-inactive-entity',
] as const;
export const DiscrepancyRuleSchema = z.enum(DISCREPANCY_RULES);
export type DiscrepancyRule = z.infer<typeof DiscrepancyRuleSchema>;

export const DiscrepancySchema = z
  .object({
    rule: DiscrepancyRuleSchema.meta({ description: 'The id of the rule that found the discrepancy' }),
    severity: z.enum(['info', 'warning', 'critical']).meta({
      description: 'critical: binding actions will fail or must not be taken; warning: check before acting',
    }),
    message: z.string(),
    sources: z.array(SourceSchema).min(1).meta({ description: 'The sources whose data the rule compared' }),
    details: z
      .record(z.string(), z.unknown())
      .meta({ description: 'The values the rule compared, as the sections give them' }),
  })
  .meta({ id: 'Discrepancy' });
export type Discrepancy = z.infer<typeof DiscrepancySchema>;
