import { z } from 'zod';
import { ALTINN2_MAPPING_STATUSES } from './catalogue-schema';

/**
 * The shapes the catalogue lookups return. They are zod schemas so the gateway can generate OpenAPI
 * from the same source the types come from; field names are snake_case like every Apier response.
 */

export const Altinn2MappingStatusSchema = z.enum(ALTINN2_MAPPING_STATUSES).meta({
  id: 'Altinn2MappingStatus',
  description: 'The status exactly as altinn2-role-mapping.json gives it',
});

export const CONFIDENCE_LEVELS = ['official', 'name-equivalent', 'inferred', 'none'] as const;
export const ConfidenceLevelSchema = z.enum(CONFIDENCE_LEVELS).meta({
  id: 'MappingConfidenceLevel',
  description:
    'official: Digdir converted the role automatically; name-equivalent: a same-named package exists; ' +
    "inferred: this project's inference; none: no successor package",
});
export type ConfidenceLevel = z.infer<typeof ConfidenceLevelSchema>;

export const MAPPING_SHAPES = ['one-to-one', 'split', 'merge', 'split-and-merge', 'no-successor'] as const;
export const MappingShapeSchema = z.enum(MAPPING_SHAPES).meta({
  id: 'MappingShape',
  description:
    'split: several successor packages; merge: other Altinn 2 roles lead to the same package; ' +
    'split-and-merge: both; no-successor: no package replaces the role',
});
export type MappingShape = z.infer<typeof MappingShapeSchema>;

const LocalisedNameSchema = z.object({ nb: z.string(), nn: z.string(), en: z.string() });
const AreaGroupSchema = z.object({ name_nb: z.string(), name_en: z.string() });

export const AccessPackageSchema = z
  .object({
    urn: z.string().meta({ description: 'Catalogue URN, urn:altinn:accesspackage:<code>' }),
    code: z.string(),
    id: z.string().meta({ description: 'Altinn Access Management id of the package' }),
    name: LocalisedNameSchema,
    summary_en: z.string().meta({ description: "Apier's own paraphrase, not Digdir's official description" }),
    area: z.object({ urn: z.string(), name_nb: z.string(), name_en: z.string() }),
    area_group: AreaGroupSchema,
    is_delegable: z.boolean().meta({ description: 'False: cannot be passed on by ordinary delegation' }),
    is_assignable: z.boolean().meta({ description: 'False for client packages, which come from ER roles' }),
    is_available_for_service_owners: z.boolean(),
    party_type: z.enum(['Organization', 'Person']),
    provider: z.string(),
    provider_code: z.string(),
  })
  .meta({ id: 'AccessPackage' });
export type AccessPackage = z.infer<typeof AccessPackageSchema>;

export const AccessPackageRefSchema = z
  .object({ urn: z.string(), code: z.string(), name: LocalisedNameSchema })
  .meta({ id: 'AccessPackageRef' });
export type AccessPackageRef = z.infer<typeof AccessPackageRefSchema>;

export const AccessPackageAreaSchema = z
  .object({
    urn: z.string(),
    name_nb: z.string(),
    name_en: z.string(),
    area_group: AreaGroupSchema,
    package_count: z.int(),
  })
  .meta({ id: 'AccessPackageArea' });
export type AccessPackageArea = z.infer<typeof AccessPackageAreaSchema>;

export const RolePackageGrantSchema = AccessPackageRefSchema.extend({
  can_delegate: z.boolean(),
  can_assign: z.boolean().optional().meta({ description: 'Present only where the seed data states it' }),
}).meta({ id: 'RolePackageGrant' });
export type RolePackageGrant = z.infer<typeof RolePackageGrantSchema>;

export const RoleOrgFormGrantSchema = RolePackageGrantSchema.extend({
  only_for_org_form: z
    .string()
    .meta({ description: 'Granted only when the organisation has this form (NUF, BRL, ESEK)' }),
}).meta({ id: 'RoleOrgFormGrant' });
export type RoleOrgFormGrant = z.infer<typeof RoleOrgFormGrantSchema>;

export const RoleKindSchema = z.enum(['er', 'altinn3']).meta({
  description: 'er: an Enhetsregisteret role; altinn3: an Altinn 3 role (hovedadministrator, privatperson)',
});

export const RolePackagesSchema = z
  .object({
    code: z.string(),
    kind: RoleKindSchema,
    urn: z.string(),
    legacy_urn: z.string().nullable(),
    aliases: z.array(z.string()),
    name_nb: z.string(),
    name_en: z.string(),
    provider: z.string(),
    is_key_role: z.boolean(),
    packages: z
      .array(RolePackageGrantSchema)
      .meta({ description: 'Packages the role holder has for the organisation' }),
    conditional_packages: z.array(RoleOrgFormGrantSchema),
    delegate_only_packages: z
      .array(RolePackageGrantSchema)
      .meta({ description: 'Packages the holder may delegate without getting service access through them' }),
    legacy_altinn2_roles: z.array(z.string()).meta({ description: 'Altinn 2 roles this role used to give' }),
    note: z.string().nullable(),
  })
  .meta({ id: 'RolePackages' });
export type RolePackages = z.infer<typeof RolePackagesSchema>;

export const MappingConfidenceSchema = z.object({
  level: ConfidenceLevelSchema,
  data_confidence: z
    .enum(['high', 'medium', 'low'])
    .nullable()
    .meta({ description: "The data file's own confidence for inferred and name-equivalent entries" }),
  basis: z.array(z.string()),
  note: z.string().nullable(),
});

export const Altinn2RoleRefSchema = z.object({
  code: z.string(),
  urn: z.string(),
  name_nb: z.string(),
  name_en: z.string().nullable(),
});

export const Altinn2RoleMappingSchema = Altinn2RoleRefSchema.extend({
  status: Altinn2MappingStatusSchema,
  status_meaning: z.string(),
  confidence: MappingConfidenceSchema,
  automatic_transfer: z
    .boolean()
    .meta({ description: 'True only when Digdir converted existing holders to the package automatically' }),
  shape: MappingShapeSchema,
  successor_packages: z.array(AccessPackageSchema),
  merges_with: z.array(
    Altinn2RoleRefSchema.extend({
      shared_packages: z.array(z.string()).meta({ description: 'Successor package URNs both roles lead to' }),
    }),
  ),
  granted_in_altinn2_by: z.array(
    z.object({
      code: z.string(),
      qualifier: z.string().nullable(),
      kind: RoleKindSchema.nullable(),
      role_urn: z.string().nullable(),
      name_nb: z.string().nullable(),
    }),
  ),
}).meta({ id: 'Altinn2RoleMapping' });
export type Altinn2RoleMapping = z.infer<typeof Altinn2RoleMappingSchema>;

export const RoleSuggestionSchema = z
  .object({
    code: z.string(),
    name_nb: z.string(),
    name_en: z.string().nullable(),
    matched_on: z.enum(['code', 'name']),
  })
  .meta({ id: 'RoleSuggestion' });
export type RoleSuggestion = z.infer<typeof RoleSuggestionSchema>;

export const PackageOriginRoleSchema = z.object({
  code: z.string(),
  urn: z.string(),
  name_nb: z.string(),
  name_en: z.string(),
  grant: z.enum(['direct', 'org-form-conditional', 'delegate-only']),
  only_for_org_form: z.string().nullable(),
  can_delegate: z.boolean(),
  can_assign: z.boolean().optional(),
});
export type PackageOriginRole = z.infer<typeof PackageOriginRoleSchema>;

export const PackageOriginsSchema = z
  .object({
    package: AccessPackageSchema,
    altinn2_roles: z.array(
      Altinn2RoleRefSchema.extend({
        status: Altinn2MappingStatusSchema,
        confidence_level: ConfidenceLevelSchema,
        shape: MappingShapeSchema,
      }),
    ),
    er_roles: z.array(PackageOriginRoleSchema),
    altinn3_roles: z.array(PackageOriginRoleSchema),
    guardianship_roles: z
      .array(z.string())
      .meta({ description: 'Guardianship (vergemål) mandates that map to it' }),
  })
  .meta({ id: 'AccessPackageOrigins' });
export type PackageOrigins = z.infer<typeof PackageOriginsSchema>;
