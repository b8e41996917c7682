import {
  AccessPackageAreaSchema,
  AccessPackageSchema,
  MigrationPlanSchema,
  PackageOriginsSchema,
  RolePackagesSchema,
} from '@apier/access-catalogue';
import { OrgnrSchema } from '@apier/contracts';
import { z } from 'zod';
import type { Operation } from '../openapi/operation';

const BASE_PATH = '/api/v1/tools/altinn-migration';
const TAGS = ['migration-tool'];

/** The catalogue ships with the gateway, so every answer is cacheable; say how in one place. */
const CACHING_NOTE =
  'Answers carry an ETag and `Cache-Control: public`; send `If-None-Match` to get 304 Not Modified.';

export const MAX_ROLES_PER_PLAN = 200;

const RoleCodeSchema = z
  .string()
  .min(1)
  .max(64)
  .meta({
    description: 'An Altinn 2 role code or its URN (urn:altinn:rolecode:<code>), in any letter case',
    examples: ['A0239', 'utinn', 'urn:altinn:rolecode:REGNA'],
  });

export const SingleRoleQuerySchema = z.object({ role: RoleCodeSchema });

export const BulkPlanBodySchema = z
  .strictObject({
    roles: z.array(RoleCodeSchema).min(1).max(MAX_ROLES_PER_PLAN).meta({
      description: 'The Altinn 2 roles the integration relied on; one plan item per entry, in order',
    }),
    orgnr: OrgnrSchema.optional().meta({
      description: 'The organisation to delegate for; when given, the request templates carry it',
    }),
  })
  // No component id: components render as output, and the request must document its input form.
  .meta({ description: 'The roles to plan and, optionally, the organisation to delegate for' });
export type BulkPlanBody = z.infer<typeof BulkPlanBodySchema>;

export const PackageListQuerySchema = z.object({
  area: z
    .string()
    .min(1)
    .max(120)
    .optional()
    .meta({
      description: 'Area URN, its slug (e.g. personale) or its Norwegian or English name',
      examples: ['personale'],
    }),
  area_group: z
    .string()
    .min(1)
    .max(60)
    .optional()
    .meta({
      description: 'Area group name in Norwegian or English, e.g. Allment or General',
      examples: ['General'],
    }),
});

export const PackagePathSchema = z.object({
  package: z
    .string()
    .min(1)
    .max(200)
    .meta({
      description: 'Package URN (urn:altinn:accesspackage:<code>) or code',
      examples: ['lonn'],
    }),
});

export const ErRolePathSchema = z.object({
  role: z
    .string()
    .min(1)
    .max(200)
    .meta({
      description: 'Enhetsregisteret role code (DAGL, FFØR or FFOR), its Altinn 3 URN or its legacy URN',
      examples: ['DAGL'],
    }),
});

const DelegationRequestTemplateSchema = z.object({
  orgnr: z.string().optional().meta({ description: 'Present when the request named the organisation' }),
  access_packages: z
    .array(z.string())
    .meta({ description: 'Deduplicated catalogue URNs, in the order the roles were given' }),
});

export const AltinnMigrationPlanSchema = MigrationPlanSchema.extend({
  delegation_request_template: DelegationRequestTemplateSchema.meta({
    description:
      'Body for POST /api/v1/delegations/requests: a System User for the organisation itself. ' +
      'Ready to send when it carries orgnr',
  }),
  client_delegation_request_template: DelegationRequestTemplateSchema.meta({
    description:
      'Client packages, for a System User for client relationships; ready to send when it carries orgnr',
  }),
}).meta({ id: 'AltinnMigrationPlan' });
export type AltinnMigrationPlan = z.infer<typeof AltinnMigrationPlanSchema>;

export const AccessPackageListSchema = z
  .object({
    catalogue_version: z.string(),
    filter: z.object({ area: z.string().nullable(), area_group: z.string().nullable() }),
    count: z.int(),
    packages: z.array(AccessPackageSchema),
  })
  .meta({ id: 'AccessPackageList' });
export type AccessPackageList = z.infer<typeof AccessPackageListSchema>;

export const AccessPackageAreaListSchema = z
  .object({
    catalogue_version: z.string(),
    area_groups: z.array(z.object({ name_nb: z.string(), name_en: z.string(), package_count: z.int() })),
    areas: z.array(AccessPackageAreaSchema),
  })
  .meta({ id: 'AccessPackageAreaList' });
export type AccessPackageAreaList = z.infer<typeof AccessPackageAreaListSchema>;

const NOT_MODIFIED = { description: 'Not modified: If-None-Match named the current ETag' };

export const MIGRATION_TOOL_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: BASE_PATH,
    operationId: 'planAltinnRoleMigration',
    summary: 'What replaces one Altinn 2 role in Altinn 3 (no API key)',
    description:
      'The access packages that replace the role, whether the mapping is one-to-one, a split, a merge or ' +
      'has no successor, how sure it is exactly as the catalogue marks it, what to do before the deadlines ' +
      `and a delegation request body. Day counts are relative to today's UTC date. ${CACHING_NOTE}`,
    tags: TAGS,
    auth: 'none',
    query: SingleRoleQuerySchema,
    responses: {
      200: { description: 'A migration plan with one item', schema: AltinnMigrationPlanSchema },
      304: NOT_MODIFIED,
      400: { description: 'The role parameter is missing, empty or too long', problem: true },
      404: {
        description: 'Not an Altinn 2 role; `close_matches` lists likely intended codes',
        problem: true,
      },
    },
  },
  {
    method: 'post',
    path: BASE_PATH,
    operationId: 'planAltinnRolesMigration',
    summary: 'Migration plan for many Altinn 2 roles at once (no API key)',
    description:
      'One item per role in input order. An unknown or malformed code becomes an error item with close ' +
      'matches and the other roles are still planned, so the answer is 200 unless the body itself is invalid. ' +
      `The request templates are deduplicated and carry orgnr when it is given. ${CACHING_NOTE}`,
    tags: TAGS,
    auth: 'none',
    body: BulkPlanBodySchema,
    responses: {
      200: { description: 'A migration plan, possibly with error items', schema: AltinnMigrationPlanSchema },
      400: { description: 'The body is not valid (not a list, too many roles, bad orgnr)', problem: true },
      412: { description: 'If-None-Match named the current ETag (a POST cannot answer 304)', problem: true },
    },
  },
  {
    method: 'get',
    path: `${BASE_PATH}/packages`,
    operationId: 'listAccessPackages',
    summary: 'The Altinn 3 access package catalogue, optionally filtered by area (no API key)',
    description: CACHING_NOTE,
    tags: TAGS,
    auth: 'none',
    query: PackageListQuerySchema,
    responses: {
      200: { description: 'The matching packages', schema: AccessPackageListSchema },
      304: NOT_MODIFIED,
      400: { description: 'Unknown area or area group; the problem lists the valid ones', problem: true },
    },
  },
  {
    method: 'get',
    path: `${BASE_PATH}/packages/{package}`,
    operationId: 'getAccessPackageOrigins',
    summary: 'Which Altinn 2 roles and Enhetsregisteret roles lead to an access package (no API key)',
    description: CACHING_NOTE,
    tags: TAGS,
    auth: 'none',
    params: PackagePathSchema,
    responses: {
      200: { description: 'The package and every role that leads to it', schema: PackageOriginsSchema },
      304: NOT_MODIFIED,
      404: { description: 'No such package; `close_matches` lists similar ones', problem: true },
    },
  },
  {
    method: 'get',
    path: `${BASE_PATH}/er-roles/{role}`,
    operationId: 'getErRolePackages',
    summary: 'The access packages an Enhetsregisteret role gives (no API key)',
    description: CACHING_NOTE,
    tags: TAGS,
    auth: 'none',
    params: ErRolePathSchema,
    responses: {
      200: { description: 'The role and its packages', schema: RolePackagesSchema },
      304: NOT_MODIFIED,
      404: { description: 'Not an Enhetsregisteret role', problem: true },
    },
  },
  {
    method: 'get',
    path: `${BASE_PATH}/areas`,
    operationId: 'listAccessPackageAreas',
    summary: 'Access package areas and area groups, for filtering the catalogue (no API key)',
    description: CACHING_NOTE,
    tags: TAGS,
    auth: 'none',
    responses: {
      200: { description: 'Every area and area group', schema: AccessPackageAreaListSchema },
      304: NOT_MODIFIED,
    },
  },
];
