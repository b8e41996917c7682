import { z } from 'zod';
import { Altinn2RoleMappingSchema, RoleSuggestionSchema } from './lookup-result-schemas';
import { MigrationDeadlinesSchema } from './migration-deadlines';

export const MIGRATION_ACTION_KINDS = [
  'request-successor-packages',
  'choose-among-candidates',
  'check-service-policy',
] as const;

export const MigrationActionSchema = z
  .object({
    kind: z.enum(MIGRATION_ACTION_KINDS).meta({
      description:
        'request-successor-packages: official or same-named successor; choose-among-candidates: inferred ' +
        'candidates, keep only those the services name; check-service-policy: no successor package',
    }),
    text: z.string().meta({ description: 'What the integrator must do, in English' }),
    system_user_packages: z
      .array(z.string())
      .meta({ description: 'Package URNs to request in a System User for the organisation itself' }),
    client_system_user_packages: z.array(z.string()).meta({
      description:
        'Client package URNs: requested in a System User for client relationships, held via an ER role',
    }),
    not_delegable_packages: z.array(z.string()).meta({
      description:
        'Successor URNs that cannot be passed on by ordinary delegation, so no System User gets them',
    }),
  })
  .meta({ id: 'MigrationAction' });
export type MigrationAction = z.infer<typeof MigrationActionSchema>;

export const MappedRoleItemSchema = z
  .object({
    outcome: z.literal('mapped'),
    input: z.string().meta({ description: 'The code as the caller sent it' }),
    code: z.string(),
    role: Altinn2RoleMappingSchema,
    action: MigrationActionSchema,
  })
  .meta({ id: 'MigrationPlanMappedRole' });

export const UnmappedRoleItemSchema = z
  .object({
    outcome: z.literal('error'),
    input: z.string(),
    code: z.string().meta({ description: 'The code after trimming, URN prefix removal and upper-casing' }),
    problem: z.enum(['unknown_role', 'invalid_role_code']),
    detail: z.string(),
    close_matches: z.array(RoleSuggestionSchema),
  })
  .meta({ id: 'MigrationPlanRoleError' });

export const MigrationPlanItemSchema = z.discriminatedUnion('outcome', [
  MappedRoleItemSchema,
  UnmappedRoleItemSchema,
]);
export type MigrationPlanItem = z.infer<typeof MigrationPlanItemSchema>;

const RequestTemplateSchema = z.object({
  access_packages: z
    .array(z.string())
    .meta({ description: 'Deduplicated catalogue URNs, in the order the roles were given' }),
});

export const MigrationPlanSchema = z
  .object({
    catalogue_version: z.string(),
    deadlines: MigrationDeadlinesSchema,
    items: z.array(MigrationPlanItemSchema).meta({ description: 'One per input code, in input order' }),
    delegation_request_template: RequestTemplateSchema.meta({
      description: 'Body for a System User delegation for the organisation itself; add orgnr before sending',
    }),
    client_delegation_request_template: RequestTemplateSchema.meta({
      description: 'Client packages, for a System User for client relationships; add orgnr before sending',
    }),
    inferred_packages: z.array(z.string()).meta({
      description: "URNs in the templates that only Apier's inference supports; review before sending",
    }),
    not_delegable_packages: z.array(z.string()),
  })
  .meta({ id: 'MigrationPlan' });
export type MigrationPlan = z.infer<typeof MigrationPlanSchema>;
