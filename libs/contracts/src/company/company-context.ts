import { z } from 'zod';
import { OrgnrSchema } from '../orgnr/orgnr';
import { DiscrepancySchema } from './discrepancies';
import { section } from './provenance';

const CodeSchema = z.object({ code: z.string(), description: z.string().nullable() });

export const AddressSchema = z.object({
  lines: z.array(z.string()),
  postal_code: z.string().nullable(),
  city: z.string().nullable(),
  municipality: z.string().nullable(),
  municipality_number: z.string().nullable(),
  country: z.string().nullable(),
  country_code: z.string().nullable(),
});

export const EntitySchema = z.object({
  orgnr: z.string(),
  name: z.string(),
  status: z.enum(['active', 'deleted']),
  organisation_form: CodeSchema,
  registered_at: z.string().nullable(),
  founded_at: z.string().nullable(),
  deleted_at: z.string().nullable(),
  business_address: AddressSchema.nullable(),
  postal_address: AddressSchema.nullable(),
  nace_codes: z.array(CodeSchema),
  sector: CodeSchema.nullable(),
  registered_in_vat_register: z
    .boolean()
    .nullable()
    .meta({ description: 'Brønnøysund’s public MVA-register flag' }),
  registered_in_business_register: z.boolean().nullable(),
  employees: z.object({ reported: z.boolean(), count: z.number().int().nullable() }),
  bankruptcy: z.object({ bankrupt: z.boolean(), since: z.string().nullable() }),
  liquidation: z.object({ under_liquidation: z.boolean(), since: z.string().nullable() }),
  forced_dissolution: z.boolean(),
  parent_orgnr: z.string().nullable(),
  last_annual_accounts: z.string().nullable(),
  sub_units: z.array(
    z.object({ orgnr: z.string(), name: z.string(), employees: z.number().int().nullable() }),
  ),
});
export type Entity = z.infer<typeof EntitySchema>;

export const RoleHolderSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('person'),
    name: z.string(),
    birth_date: z.string().nullable(),
    deceased: z.boolean(),
  }),
  z.object({ kind: z.literal('organisation'), orgnr: z.string(), name: z.string(), deleted: z.boolean() }),
]);

export const RoleSchema = z.object({
  code: z.string(),
  description: z.string().nullable(),
  holder: RoleHolderSchema,
  active: z.boolean().meta({
    description: 'False when Brreg marks the role resigned (fratraadt) or deregistered (avregistrert)',
  }),
  elected_by: CodeSchema.nullable(),
  order: z.number().int().nullable(),
});

export const RoleGroupSchema = z.object({
  code: z.string(),
  description: z.string().nullable(),
  last_changed: z.string().nullable(),
  roles: z.array(RoleSchema),
});
export type RoleGroup = z.infer<typeof RoleGroupSchema>;

export const VatTermSchema = z.object({
  category: z.string(),
  period: z.string(),
  year: z.number().int(),
  term_type: z.string(),
  deadline: z.string(),
});

export const VatRegistrationSchema = z.object({
  registered: z.boolean(),
  vat_number: z
    .string()
    .nullable()
    .meta({ examples: ['NO 999999999 MVA'] }),
  category: z.string().nullable(),
  term_type: z.string().nullable(),
  valid_from: z.string().nullable(),
  valid_to: z.string().nullable(),
  reporting_unit: z
    .string()
    .nullable()
    .meta({ description: 'Reporting unit of a joint registration (fellesregistrering)' }),
  has_filed_before: z.boolean().nullable(),
  outstanding_terms: z.array(VatTermSchema),
});
export type VatRegistration = z.infer<typeof VatRegistrationSchema>;

export const VatReturnSchema = z.object({
  period: z.string().meta({ examples: ['mars-april'] }),
  year: z.number().int(),
  term_type: z
    .string()
    .nullable()
    .meta({ description: 'Term length as Skatteetaten names it (toMaaned, maaned, aar …)' }),
  category: z.string().meta({ examples: ['alminnelig', 'primaernaering'] }),
  status: z.string().meta({
    description:
      '`received` until Skatteetaten has assessed the return, then `assessed`; other values verbatim',
  }),
  submitted_at: z.iso.datetime({ offset: true }).nullable(),
  sequence_number: z
    .number()
    .int()
    .meta({ description: 'Skatteetaten’s sekvensnummer of the submission; higher is newer' }),
  assessed_vat: z
    .number()
    .nullable()
    .meta({ description: 'Fastsatt merverdiavgift in NOK once assessed (positive: to pay)' }),
});
export type VatReturn = z.infer<typeof VatReturnSchema>;

export const EmploymentSchema = z.object({
  active_employments: z.number().int(),
  inactive_employments: z.number().int(),
  by_workplace: z.array(
    z.object({ orgnr: z.string(), active: z.number().int(), inactive: z.number().int() }),
  ),
});
export type Employment = z.infer<typeof EmploymentSchema>;

export const DelegationStateSchema = z.object({
  state: z
    .enum(['not_requested', 'pending', 'active', 'rejected', 'expired', 'revoked', 'unknown'])
    .meta({ description: '`unknown` when the auth-broker could not be asked; never read as active' }),
  system_user_id: z.string().nullable(),
  access_packages: z.array(z.string()),
  synthetic: z
    .boolean()
    .meta({ description: 'True when the section is a placeholder rather than read from Altinn' }),
});
export type DelegationState = z.infer<typeof DelegationStateSchema>;

export const COMPANY_CONTEXT_VERSION = 'company-context/v1';

/** The reconciled view of one company; production and sandbox share this exact shape. */
export const CompanyContextSchema = z
  .object({
    schema_version: z.literal(COMPANY_CONTEXT_VERSION),
    orgnr: z.string(),
    sandbox: z.boolean(),
    generated_at: z.iso.datetime({ offset: true }),
    entity: section(EntitySchema),
    roles: section(z.array(RoleGroupSchema)),
    vat_registration: section(VatRegistrationSchema),
    vat_returns: section(z.array(VatReturnSchema)).meta({
      description: 'The most recent submitted MVA returns (one innsyn page, at most 10 terms), newest first',
    }),
    employment: section(EmploymentSchema),
    delegation: section(DelegationStateSchema),
    discrepancies: z.array(DiscrepancySchema).meta({
      description: 'Disagreements between sources and entity states that block or endanger binding actions',
    }),
  })
  .meta({ id: 'CompanyContext' });
export type CompanyContext = z.infer<typeof CompanyContextSchema>;

export const CompanyContextRequestSchema = z.object({
  orgnr: OrgnrSchema,
  sandbox: z.boolean(),
});
export type CompanyContextRequest = z.input<typeof CompanyContextRequestSchema>;
