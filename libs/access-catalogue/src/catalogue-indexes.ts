import type { ErMappingFile, PackageRecord, RoleRecord } from './catalogue-schema';
import { ACCESS_PACKAGE_URN_PREFIX } from './catalogue-schema';
import { toRolePackageGrant } from './catalogue-views';
import type { PackageOriginRole, RolePackages } from './lookup-result-schemas';

/** Misspellings found on docs.altinn.studio pages; accepted on input, never emitted. */
export const OUTDATED_PACKAGE_SPELLINGS: Readonly<Record<string, string>> = {
  tilgangsstyring: 'tilgangsstyrer',
  klientadminstrator: 'klientadministrator',
  reviorattesterer: 'revisorattesterer',
};

export type RoleKind = RolePackages['kind'];
export interface IndexedRole {
  kind: RoleKind;
  record: RoleRecord;
}
export interface IndexedOrigin {
  kind: RoleKind;
  origin: PackageOriginRole;
}

export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** URNs compare in lower case (the ER file writes legacy URNs that way), codes in upper case. */
export function normaliseRoleKey(codeOrUrn: string): string {
  const trimmed = codeOrUrn.trim();
  return /^urn:/i.test(trimmed) ? trimmed.toLowerCase() : trimmed.toUpperCase();
}

/** Lower-cased URN, code, URN suffix and outdated spelling → catalogue URN. */
export function indexPackageKeys(packages: readonly PackageRecord[]): Map<string, string> {
  const urnsByKey = new Map<string, string>();
  for (const record of packages) {
    // The code and the URN suffix differ for one vergemål package, so both are lookup keys.
    for (const key of [record.urn, record.code, record.urn.slice(ACCESS_PACKAGE_URN_PREFIX.length)]) {
      urnsByKey.set(key.toLowerCase(), record.urn);
    }
  }
  for (const [outdated, current] of Object.entries(OUTDATED_PACKAGE_SPELLINGS)) {
    const urn = urnsByKey.get(current);
    if (urn === undefined || urnsByKey.has(outdated)) continue;
    urnsByKey.set(outdated, urn);
    urnsByKey.set(`${ACCESS_PACKAGE_URN_PREFIX}${outdated}`, urn);
  }
  return urnsByKey;
}

/**
 * Indexes ER roles and the two Altinn 3 roles by every name they are looked up by (code, alias such as
 * FFOR, file key such as `privatperson`, URN, legacy URN), and inverts their grants per package.
 */
export function indexRoles(
  er: ErMappingFile,
  packageRecord: (urn: string) => PackageRecord,
): { rolesByKey: Map<string, IndexedRole>; originsByPackage: Map<string, IndexedOrigin[]> } {
  const rolesByKey = new Map<string, IndexedRole>();
  const originsByPackage = new Map<string, IndexedOrigin[]>();
  const groups = [
    ['er', er.erRoles],
    ['altinn3', er.nonErRoles],
  ] as const;
  for (const [kind, roles] of groups) {
    for (const [key, record] of Object.entries(roles)) {
      for (const name of [key, record.code, ...(record.aliases ?? []), record.urn, record.legacyUrn ?? '']) {
        if (name !== '') rolesByKey.set(normaliseRoleKey(name), { kind, record });
      }
      for (const origin of grantsOf(record, packageRecord))
        pushTo(originsByPackage, origin.urn, { kind, origin: origin.entry });
    }
  }
  return { rolesByKey, originsByPackage };
}

function grantsOf(
  record: RoleRecord,
  packageRecord: (urn: string) => PackageRecord,
): { urn: string; entry: PackageOriginRole }[] {
  const grants = [
    ...record.packages.map((grant) => ({ grant, how: 'direct' as const, orgForm: null })),
    ...record.packagesOnlyForSpecificOrgForms.map((grant) => ({
      grant,
      how: 'org-form-conditional' as const,
      orgForm: grant.onlyForOrgForm,
    })),
    ...record.canDelegateWithoutAccess.map((grant) => ({
      grant,
      how: 'delegate-only' as const,
      orgForm: null,
    })),
  ];
  return grants.map(({ grant, how, orgForm }) => {
    const { can_delegate, can_assign } = toRolePackageGrant(grant, packageRecord(grant.urn));
    return {
      urn: grant.urn,
      entry: {
        code: record.code,
        urn: record.urn,
        name_nb: record.name_nb,
        name_en: record.name_en,
        grant: how,
        only_for_org_form: orgForm,
        can_delegate,
        ...(can_assign === undefined ? {} : { can_assign }),
      },
    };
  });
}
