import { z } from 'zod';

/**
 * Schemas for the three files in `data/` as they are. Each also checks the file's own bookkeeping
 * (declared counts, unique keys) so a truncated copy fails at start instead of serving a smaller
 * catalogue. References between files are checked in catalogue-integrity.ts.
 */

export const ACCESS_PACKAGE_URN_PREFIX = 'urn:altinn:accesspackage:';
export const ALTINN2_ROLE_URN_PREFIX = 'urn:altinn:rolecode:';

/** The values `status` takes in altinn2-role-mapping.json; `unmapped` is defined there but unused today. */
export const ALTINN2_MAPPING_STATUSES = [
  'official-automatic',
  'official-no-successor-in-catalogue',
  'name-equivalent',
  'candidate-split',
  'candidate-inferred',
  'no-direct-successor',
  'no-known-successor',
  'unmapped',
] as const;
export type Altinn2MappingStatus = (typeof ALTINN2_MAPPING_STATUSES)[number];

/** Statuses whose entries must have an empty package list; a package there would contradict the status. */
export const STATUSES_WITHOUT_SUCCESSOR: readonly Altinn2MappingStatus[] = [
  'official-no-successor-in-catalogue',
  'no-direct-successor',
  'no-known-successor',
];

const text = z.string().min(1);
const isoDate = z.iso.date();
const commitSha = z.string().regex(/^[0-9a-f]{40}$/, 'must be a 40-hex git commit');

export const AccessPackageUrnSchema = z
  .string()
  .regex(/^urn:altinn:accesspackage:[a-z0-9-]+$/, `must be ${ACCESS_PACKAGE_URN_PREFIX}<lower-case code>`);

const AreaUrnSchema = z
  .string()
  .regex(/^accesspackage:area:[a-z0-9_-]+$/, 'must be accesspackage:area:<slug>');

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
}

function reporter(ctx: z.RefinementCtx) {
  return (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
}

const SourceSchema = z.object({
  repository: text,
  commit: commitSha,
  commitDate: isoDate,
  files: z.array(text).min(1),
  crossChecked: z.string().optional(),
  license_note: z.string().optional(),
});

// packages.json

export const AreaRecordSchema = z.object({
  urn: AreaUrnSchema,
  name_nb: text,
  name_en: text,
  areaGroup: text,
  packageCount: z.int().nonnegative(),
});
export type AreaRecord = z.infer<typeof AreaRecordSchema>;

export const PackageRecordSchema = z.object({
  urn: AccessPackageUrnSchema,
  // Usually the URN suffix, but not always: the vergemål enforcement package's URN lacks the prefix.
  code: z.string().regex(/^[a-z0-9-]+$/, 'must be a lower-case package code'),
  id: z.guid(),
  name: z.object({ nb: text, nn: text, en: text }),
  area: z.object({ urn: AreaUrnSchema, name_nb: text, name_en: text }),
  areaGroup: z.object({ name_nb: text, name_en: text }),
  summary_en: z.string(),
  isDelegable: z.boolean(),
  isAssignable: z.boolean(),
  isAvailableForServiceOwners: z.boolean(),
  partyType: z.enum(['Organization', 'Person']),
  provider: text,
  providerCode: text,
  sourceConstant: text,
});
export type PackageRecord = z.infer<typeof PackageRecordSchema>;

export const PackagesFileSchema = z
  .object({
    schema: z.literal('access-package-catalogue/v1'),
    generated: isoDate,
    source: SourceSchema,
    notes: z.array(z.string()),
    counts: z.object({
      packages: z.int().nonnegative(),
      byAreaGroup: z.record(z.string(), z.int().nonnegative()),
      areas: z.int().nonnegative(),
    }),
    areas: z.array(AreaRecordSchema),
    packages: z.array(PackageRecordSchema),
  })
  .superRefine((file, ctx) => {
    const issue = reporter(ctx);
    if (file.counts.packages !== file.packages.length) {
      issue(
        ['counts', 'packages'],
        `declares ${file.counts.packages} packages but the file lists ${file.packages.length}`,
      );
    }
    if (file.counts.areas !== file.areas.length) {
      issue(
        ['counts', 'areas'],
        `declares ${file.counts.areas} areas but the file lists ${file.areas.length}`,
      );
    }
    for (const urn of duplicates(file.packages.map((p) => p.urn)))
      issue(['packages'], `duplicate package URN ${urn}`);
    for (const code of duplicates(file.packages.map((p) => p.code)))
      issue(['packages'], `duplicate package code ${code}`);
    for (const urn of duplicates(file.areas.map((a) => a.urn))) issue(['areas'], `duplicate area URN ${urn}`);

    const areasByUrn = new Map(file.areas.map((area) => [area.urn, area]));
    const packagesPerArea = new Map<string, number>();
    const packagesPerGroup = new Map<string, number>();
    file.packages.forEach((pkg, index) => {
      packagesPerArea.set(pkg.area.urn, (packagesPerArea.get(pkg.area.urn) ?? 0) + 1);
      packagesPerGroup.set(pkg.areaGroup.name_nb, (packagesPerGroup.get(pkg.areaGroup.name_nb) ?? 0) + 1);
      const area = areasByUrn.get(pkg.area.urn);
      if (!area) issue(['packages', index, 'area', 'urn'], `area ${pkg.area.urn} is not in areas`);
      else if (area.areaGroup !== pkg.areaGroup.name_nb) {
        issue(['packages', index, 'areaGroup'], `area ${area.urn} belongs to group ${area.areaGroup}`);
      }
    });
    file.areas.forEach((area, index) => {
      const listed = packagesPerArea.get(area.urn) ?? 0;
      if (listed !== area.packageCount) {
        issue(
          ['areas', index, 'packageCount'],
          `declares ${area.packageCount} packages but ${listed} are listed`,
        );
      }
    });
    for (const [group, declared] of Object.entries(file.counts.byAreaGroup)) {
      const listed = packagesPerGroup.get(group) ?? 0;
      if (listed !== declared)
        issue(['counts', 'byAreaGroup', group], `declares ${declared} but ${listed} are listed`);
    }
  });
export type PackagesFile = z.infer<typeof PackagesFileSchema>;

// altinn2-role-mapping.json

const Altinn2StatusSchema = z.enum(ALTINN2_MAPPING_STATUSES);

export const Altinn2RoleRecordSchema = z
  .object({
    code: z.string().regex(/^[A-Z0-9]+$/, 'must be an upper-case Altinn 2 role code'),
    urn: z.string().startsWith(ALTINN2_ROLE_URN_PREFIX),
    name_nb: text,
    name_en: text.nullable(),
    status: Altinn2StatusSchema,
    packages: z.array(AccessPackageUrnSchema),
    basis: z.array(text).min(1),
    confidence: z.enum(['high', 'medium', 'low']).optional(),
    note: z.string().optional(),
    // ER role codes, one entry (HADM) carrying a parenthesised qualifier: "HADM(Altinn 3 main-admin role, delegate-only)".
    grantedInAltinn2ByErRoles: z.array(
      z.string().regex(/^[A-ZÆØÅ0-9]+(\(.+\))?$/, 'must be CODE or CODE(qualifier)'),
    ),
  })
  .superRefine((role, ctx) => {
    const issue = reporter(ctx);
    if (role.urn !== `${ALTINN2_ROLE_URN_PREFIX}${role.code}`)
      issue(['urn'], `must be ${ALTINN2_ROLE_URN_PREFIX}${role.code}`);
    if (STATUSES_WITHOUT_SUCCESSOR.includes(role.status) && role.packages.length > 0) {
      issue(['packages'], `status ${role.status} means no successor, but packages are listed`);
    }
    if (
      !STATUSES_WITHOUT_SUCCESSOR.includes(role.status) &&
      role.status !== 'unmapped' &&
      role.packages.length === 0
    ) {
      issue(['packages'], `status ${role.status} needs at least one successor package`);
    }
    for (const urn of duplicates(role.packages)) issue(['packages'], `duplicate package ${urn}`);
  });
export type Altinn2RoleRecord = z.infer<typeof Altinn2RoleRecordSchema>;

export const Altinn2MappingFileSchema = z
  .object({
    schema: z.literal('altinn2-role-to-access-package/v1'),
    generated: isoDate,
    coverage: z.object({
      summary: text,
      statusCounts: z.partialRecord(Altinn2StatusSchema, z.int().nonnegative()),
      statusMeaning: z.partialRecord(Altinn2StatusSchema, text),
    }),
    sources: z.array(text),
    howToRead: z.array(z.string()),
    roles: z.array(Altinn2RoleRecordSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const issue = reporter(ctx);
    for (const code of duplicates(file.roles.map((r) => r.code)))
      issue(['roles'], `duplicate role code ${code}`);
    const counted = new Map<string, number>();
    for (const role of file.roles) counted.set(role.status, (counted.get(role.status) ?? 0) + 1);
    for (const status of ALTINN2_MAPPING_STATUSES) {
      const declared = file.coverage.statusCounts[status] ?? 0;
      const listed = counted.get(status) ?? 0;
      if (declared !== listed)
        issue(['coverage', 'statusCounts', status], `declares ${declared} but ${listed} roles have it`);
      if (listed > 0 && !file.coverage.statusMeaning[status]) {
        issue(['coverage', 'statusMeaning', status], 'status is used but has no meaning');
      }
    }
  });
export type Altinn2MappingFile = z.infer<typeof Altinn2MappingFileSchema>;

// er-role-mapping.json

export const PackageGrantSchema = z.object({
  urn: AccessPackageUrnSchema,
  canDelegate: z.boolean(),
  canAssign: z.boolean().optional(),
});
export type PackageGrant = z.infer<typeof PackageGrantSchema>;

export const OrgFormGrantSchema = PackageGrantSchema.extend({ onlyForOrgForm: z.string().regex(/^[A-Z]+$/) });
export type OrgFormGrant = z.infer<typeof OrgFormGrantSchema>;

export const RoleRecordSchema = z
  .object({
    code: text,
    urn: z.string().regex(/^urn:altinn:(external-role:ccr|role):[a-z0-9-]+$/, 'must be an Altinn 3 role URN'),
    legacyUrn: z.string().startsWith(ALTINN2_ROLE_URN_PREFIX).nullable(),
    name_nb: text,
    name_en: text,
    provider: text,
    isKeyRole: z.boolean(),
    aliases: z.array(text).optional(),
    packages: z.array(PackageGrantSchema),
    packagesOnlyForSpecificOrgForms: z.array(OrgFormGrantSchema),
    canDelegateWithoutAccess: z.array(PackageGrantSchema),
    packageCount: z.int().nonnegative(),
    legacyAltinn2RolesGranted: z.array(text),
    note: z.string().optional(),
  })
  .superRefine((role, ctx) => {
    const issue = reporter(ctx);
    if (role.packageCount !== role.packages.length) {
      issue(
        ['packageCount'],
        `declares ${role.packageCount} but ${role.packages.length} packages are listed`,
      );
    }
    for (const urn of duplicates(role.packages.map((g) => g.urn)))
      issue(['packages'], `duplicate package ${urn}`);
    for (const urn of duplicates(role.canDelegateWithoutAccess.map((g) => g.urn))) {
      issue(['canDelegateWithoutAccess'], `duplicate package ${urn}`);
    }
    // FFØR lists forretningsforer-eiendom twice on purpose, once per org form (BRL, ESEK).
    const conditional = role.packagesOnlyForSpecificOrgForms.map((g) => `${g.urn} for ${g.onlyForOrgForm}`);
    for (const grant of duplicates(conditional))
      issue(['packagesOnlyForSpecificOrgForms'], `duplicate grant ${grant}`);
  });
export type RoleRecord = z.infer<typeof RoleRecordSchema>;

export const ErMappingFileSchema = z
  .object({
    schema: z.literal('er-role-to-access-package/v1'),
    generated: isoDate,
    source: SourceSchema,
    howToRead: z.array(z.string()),
    keyRolesFullPackageSet: z.array(text),
    erRoles: z.record(z.string(), RoleRecordSchema),
    nonErRoles: z.record(z.string(), RoleRecordSchema),
    guardianshipRoles_summary: z.record(z.string(), z.array(AccessPackageUrnSchema).min(1)),
  })
  .superRefine((file, ctx) => {
    const issue = reporter(ctx);
    for (const [key, role] of Object.entries(file.erRoles)) {
      if (key !== role.code) issue(['erRoles', key, 'code'], `key ${key} differs from code ${role.code}`);
    }
    for (const code of file.keyRolesFullPackageSet) {
      if (!file.erRoles[code]) issue(['keyRolesFullPackageSet'], `${code} is not an ER role in erRoles`);
    }
  });
export type ErMappingFile = z.infer<typeof ErMappingFileSchema>;

/** The three files after validation, as the catalogue is built from them. */
export interface CatalogueFiles {
  packages: PackagesFile;
  altinn2: Altinn2MappingFile;
  er: ErMappingFile;
}
