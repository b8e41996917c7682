import type { CatalogueFiles, ErMappingFile, RoleRecord } from './catalogue-schema';

export const CATALOGUE_FILES = {
  packages: 'packages.json',
  altinn2: 'altinn2-role-mapping.json',
  er: 'er-role-mapping.json',
} as const;
export type CatalogueFileName = (typeof CATALOGUE_FILES)[keyof typeof CATALOGUE_FILES];

/** One thing wrong with the shipped data, located precisely enough to fix it by hand. */
export interface CatalogueProblem {
  file: CatalogueFileName;
  /** Dotted JSON path inside the file, e.g. `roles[3].packages[1]`; empty for the whole file. */
  path: string;
  message: string;
}

export function formatJsonPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const name = String(segment);
      return /^[A-Za-z_$][\w$]*$/.test(name)
        ? index === 0
          ? name
          : `.${name}`
        : `[${JSON.stringify(name)}]`;
    })
    .join('');
}

/**
 * Checks what no single file can: every package a mapping names exists in packages.json, and every
 * Altinn 2 role the ER file says an ER role used to give exists in the Altinn 2 mapping. A mapping that
 * points at a package we cannot describe would otherwise surface as a half-empty API response.
 */
export function findCrossFileProblems(files: CatalogueFiles): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  const knownPackages = new Set(files.packages.packages.map((pkg) => pkg.urn));
  const knownAltinn2Roles = new Set(files.altinn2.roles.map((role) => role.code));

  const requirePackage = (file: CatalogueFileName, path: PropertyKey[], urn: string) => {
    if (!knownPackages.has(urn)) {
      problems.push({
        file,
        path: formatJsonPath(path),
        message: `${urn} is not a package in packages.json`,
      });
    }
  };

  files.altinn2.roles.forEach((role, roleIndex) => {
    role.packages.forEach((urn, i) =>
      requirePackage(CATALOGUE_FILES.altinn2, ['roles', roleIndex, 'packages', i], urn),
    );
  });

  const checkRole = (group: 'erRoles' | 'nonErRoles', key: string, role: RoleRecord) => {
    const lists = ['packages', 'packagesOnlyForSpecificOrgForms', 'canDelegateWithoutAccess'] as const;
    for (const list of lists) {
      role[list].forEach((grant, i) =>
        requirePackage(CATALOGUE_FILES.er, [group, key, list, i, 'urn'], grant.urn),
      );
    }
    role.legacyAltinn2RolesGranted.forEach((code, i) => {
      if (!knownAltinn2Roles.has(code)) {
        problems.push({
          file: CATALOGUE_FILES.er,
          path: formatJsonPath([group, key, 'legacyAltinn2RolesGranted', i]),
          message: `${code} is not a role in altinn2-role-mapping.json`,
        });
      }
    });
  };
  for (const [key, role] of Object.entries(files.er.erRoles)) checkRole('erRoles', key, role);
  for (const [key, role] of Object.entries(files.er.nonErRoles)) checkRole('nonErRoles', key, role);

  for (const [key, urns] of Object.entries(files.er.guardianshipRoles_summary)) {
    urns.forEach((urn, i) => requirePackage(CATALOGUE_FILES.er, ['guardianshipRoles_summary', key, i], urn));
  }

  problems.push(...findRoleCodeCollisions(files.er));
  return problems;
}

/** Role lookup is by upper-cased code or alias, so two roles must never share one. */
function findRoleCodeCollisions(er: ErMappingFile): CatalogueProblem[] {
  const owners = new Map<string, string>();
  const problems: CatalogueProblem[] = [];
  const groups = [
    ['erRoles', er.erRoles],
    ['nonErRoles', er.nonErRoles],
  ] as const;
  for (const [group, roles] of groups) {
    for (const [key, role] of Object.entries(roles)) {
      for (const name of [role.code, ...(role.aliases ?? [])]) {
        const upper = name.toUpperCase();
        const owner = owners.get(upper);
        if (owner && owner !== `${group}.${key}`) {
          problems.push({
            file: CATALOGUE_FILES.er,
            path: formatJsonPath([group, key]),
            message: `code ${name} is also used by ${owner}`,
          });
        }
        owners.set(upper, `${group}.${key}`);
      }
    }
  }
  return problems;
}
