import type {
  Altinn2MappingStatus,
  AreaRecord,
  PackageGrant,
  PackageRecord,
  RoleRecord,
} from './catalogue-schema';
import type {
  AccessPackage,
  AccessPackageArea,
  AccessPackageRef,
  ConfidenceLevel,
  MappingShape,
  RolePackageGrant,
  RolePackages,
} from './lookup-result-schemas';

/** Translations from the data files' records to the response shapes; no lookups, no state. */

export function toAccessPackage(record: PackageRecord): AccessPackage {
  return {
    urn: record.urn,
    code: record.code,
    id: record.id,
    name: { ...record.name },
    summary_en: record.summary_en,
    area: { ...record.area },
    area_group: { ...record.areaGroup },
    is_delegable: record.isDelegable,
    is_assignable: record.isAssignable,
    is_available_for_service_owners: record.isAvailableForServiceOwners,
    party_type: record.partyType,
    provider: record.provider,
    provider_code: record.providerCode,
  };
}

export function toAccessPackageRef(record: PackageRecord): AccessPackageRef {
  return { urn: record.urn, code: record.code, name: { ...record.name } };
}

export function toAccessPackageArea(area: AreaRecord, groupNameEn: string): AccessPackageArea {
  return {
    urn: area.urn,
    name_nb: area.name_nb,
    name_en: area.name_en,
    area_group: { name_nb: area.areaGroup, name_en: groupNameEn },
    package_count: area.packageCount,
  };
}

/** `can_assign` is copied only where the seed data states it, so absence never reads as a false "no". */
export function toRolePackageGrant(grant: PackageGrant, pkg: PackageRecord): RolePackageGrant {
  return {
    ...toAccessPackageRef(pkg),
    can_delegate: grant.canDelegate,
    ...(grant.canAssign === undefined ? {} : { can_assign: grant.canAssign }),
  };
}

export function toRolePackages(
  record: RoleRecord,
  kind: RolePackages['kind'],
  packageByUrn: (urn: string) => PackageRecord,
): RolePackages {
  return {
    code: record.code,
    kind,
    urn: record.urn,
    legacy_urn: record.legacyUrn,
    aliases: [...(record.aliases ?? [])],
    name_nb: record.name_nb,
    name_en: record.name_en,
    provider: record.provider,
    is_key_role: record.isKeyRole,
    packages: record.packages.map((grant) => toRolePackageGrant(grant, packageByUrn(grant.urn))),
    conditional_packages: record.packagesOnlyForSpecificOrgForms.map((grant) => ({
      ...toRolePackageGrant(grant, packageByUrn(grant.urn)),
      only_for_org_form: grant.onlyForOrgForm,
    })),
    delegate_only_packages: record.canDelegateWithoutAccess.map((grant) =>
      toRolePackageGrant(grant, packageByUrn(grant.urn)),
    ),
    legacy_altinn2_roles: [...record.legacyAltinn2RolesGranted],
    note: record.note ?? null,
  };
}

/**
 * Collapses the data file's seven statuses into the four levels the product talks about. The mapping
 * only ever keeps or lowers certainty: the consultation-era "identical" claim for ECKEYROLE
 * (official-no-successor-in-catalogue) has no package behind it, so it is `none`, not `official`.
 */
export function confidenceLevelFor(status: Altinn2MappingStatus): ConfidenceLevel {
  switch (status) {
    case 'official-automatic':
      return 'official';
    case 'name-equivalent':
      return 'name-equivalent';
    case 'candidate-split':
    case 'candidate-inferred':
      return 'inferred';
    case 'official-no-successor-in-catalogue':
    case 'no-direct-successor':
    case 'no-known-successor':
    case 'unmapped':
      return 'none';
  }
}

export function mappingShapeFor(successorCount: number, rolesSharingAPackage: number): MappingShape {
  if (successorCount === 0) return 'no-successor';
  const merges = rolesSharingAPackage > 0;
  if (successorCount === 1) return merges ? 'merge' : 'one-to-one';
  return merges ? 'split-and-merge' : 'split';
}
