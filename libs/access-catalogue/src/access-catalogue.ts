import { AccessCatalogueError } from './access-catalogue-error';
import {
  type IndexedOrigin,
  type IndexedRole,
  indexPackageKeys,
  indexRoles,
  normaliseRoleKey,
  pushTo,
  type RoleKind,
} from './catalogue-indexes';
import type {
  Altinn2MappingStatus,
  Altinn2RoleRecord,
  CatalogueFiles,
  PackageRecord,
} from './catalogue-schema';
import { ALTINN2_ROLE_URN_PREFIX } from './catalogue-schema';
import {
  confidenceLevelFor,
  mappingShapeFor,
  toAccessPackage,
  toAccessPackageArea,
  toRolePackages,
} from './catalogue-views';
import { foldForMatching, rankCloseMatches } from './close-matches';
import type {
  AccessPackage,
  AccessPackageArea,
  Altinn2RoleMapping,
  MappingShape,
  PackageOrigins,
  RolePackages,
  RoleSuggestion,
} from './lookup-result-schemas';

/** The Altinn 2 mapping writes the main administrator as HADM; the ER file keys it by its Altinn 3 name. */
const GRANTER_ALIASES: Readonly<Record<string, string>> = { HADM: 'HOVEDADMINISTRATOR' };

export interface CatalogueSource {
  repository: string;
  commit: string;
  commit_date: string;
  generated: string;
}

export interface PackageFilter {
  /** Area URN, its slug, or its Norwegian or English name (case-insensitive). */
  area?: string;
  /** Area group name in Norwegian or English, e.g. "Allment" or "General". */
  areaGroup?: string;
}

export interface AreaGroupSummary {
  name_nb: string;
  name_en: string;
  package_count: number;
}

/** The validated catalogue with its lookup indexes; build it with loadAccessCatalogue(). */
export class AccessCatalogue {
  readonly version: string;
  readonly source: CatalogueSource;
  private readonly packagesByUrn = new Map<string, PackageRecord>();
  private readonly packageUrnsByKey: Map<string, string>;
  private readonly areaGroupNamesEn = new Map<string, string>();
  private readonly altinn2RolesByCode = new Map<string, Altinn2RoleRecord>();
  private readonly altinn2RolesByPackage = new Map<string, Altinn2RoleRecord[]>();
  private readonly rolesByKey: Map<string, IndexedRole>;
  private readonly roleOriginsByPackage: Map<string, IndexedOrigin[]>;
  private readonly guardianshipRolesByPackage = new Map<string, string[]>();

  constructor(
    private readonly files: CatalogueFiles,
    version: string,
  ) {
    this.version = version;
    const { source } = files.packages;
    this.source = {
      repository: source.repository,
      commit: source.commit,
      commit_date: source.commitDate,
      generated: files.packages.generated,
    };
    for (const record of files.packages.packages) {
      this.packagesByUrn.set(record.urn, record);
      this.areaGroupNamesEn.set(record.areaGroup.name_nb, record.areaGroup.name_en);
    }
    this.packageUrnsByKey = indexPackageKeys(files.packages.packages);
    for (const role of files.altinn2.roles) {
      this.altinn2RolesByCode.set(role.code, role);
      for (const urn of role.packages) pushTo(this.altinn2RolesByPackage, urn, role);
    }
    const roles = indexRoles(files.er, (urn) => this.packageRecord(urn));
    this.rolesByKey = roles.rolesByKey;
    this.roleOriginsByPackage = roles.originsByPackage;
    for (const [mandate, urns] of Object.entries(files.er.guardianshipRoles_summary)) {
      for (const urn of urns) pushTo(this.guardianshipRolesByPackage, urn, mandate);
    }
  }

  get packageCount(): number {
    return this.files.packages.packages.length;
  }

  altinn2StatusCounts(): Partial<Record<Altinn2MappingStatus, number>> {
    const counts: Partial<Record<Altinn2MappingStatus, number>> = {};
    for (const role of this.files.altinn2.roles) counts[role.status] = (counts[role.status] ?? 0) + 1;
    return counts;
  }

  /** Accepts `UTINN`, `utinn` or `urn:altinn:rolecode:UTINN`; undefined when the role is not in the mapping. */
  altinn2Role(codeOrUrn: string): Altinn2RoleMapping | undefined {
    const role = this.altinn2RolesByCode.get(normaliseAltinn2Code(codeOrUrn));
    return role && this.toAltinn2RoleMapping(role);
  }

  listAltinn2Roles(): Altinn2RoleMapping[] {
    return this.files.altinn2.roles.map((role) => this.toAltinn2RoleMapping(role));
  }

  /** Altinn 2 roles whose code or name is close to what was typed, best first. */
  closeMatches(input: string, limit = 5): RoleSuggestion[] {
    const roles = this.files.altinn2.roles;
    const candidates = roles.map((role) => ({ code: role.code, names: [role.name_nb, role.name_en ?? ''] }));
    return rankCloseMatches(input.trim().replace(/^urn:altinn:rolecode:/i, ''), candidates, limit).map(
      (match) => {
        const role = this.altinn2RolesByCode.get(match.code) as Altinn2RoleRecord;
        return { code: role.code, name_nb: role.name_nb, name_en: role.name_en, matched_on: match.matchedOn };
      },
    );
  }

  /** The catalogue URN for a URN, a code, or an outdated docs spelling of either. */
  resolvePackageUrn(urnOrCode: string): string | undefined {
    return this.packageUrnsByKey.get(urnOrCode.trim().toLowerCase());
  }

  findPackage(urnOrCode: string): AccessPackage | undefined {
    const urn = this.resolvePackageUrn(urnOrCode);
    return urn === undefined ? undefined : toAccessPackage(this.packageRecord(urn));
  }

  /** Reverse lookup: the package and every Altinn 2, ER and Altinn 3 role that leads to it. */
  package(urnOrCode: string): PackageOrigins | undefined {
    const urn = this.resolvePackageUrn(urnOrCode);
    if (urn === undefined) return undefined;
    const origins = this.roleOriginsByPackage.get(urn) ?? [];
    return {
      package: toAccessPackage(this.packageRecord(urn)),
      altinn2_roles: (this.altinn2RolesByPackage.get(urn) ?? []).map((role) => ({
        code: role.code,
        urn: role.urn,
        name_nb: role.name_nb,
        name_en: role.name_en,
        status: role.status,
        confidence_level: confidenceLevelFor(role.status),
        shape: this.shapeOf(role),
      })),
      er_roles: origins.filter((entry) => entry.kind === 'er').map((entry) => ({ ...entry.origin })),
      altinn3_roles: origins
        .filter((entry) => entry.kind === 'altinn3')
        .map((entry) => ({ ...entry.origin })),
      guardianship_roles: [...(this.guardianshipRolesByPackage.get(urn) ?? [])],
    };
  }

  /** @throws AccessCatalogueError unknown_area / unknown_area_group when a filter names nothing. */
  listPackages(filter: PackageFilter = {}): AccessPackage[] {
    let records = this.files.packages.packages;
    if (filter.area !== undefined) {
      const wanted = foldForMatching(filter.area);
      const area = this.files.packages.areas.find((candidate) =>
        [
          candidate.urn,
          candidate.urn.replace(/^accesspackage:area:/, ''),
          candidate.name_nb,
          candidate.name_en,
        ]
          .map(foldForMatching)
          .includes(wanted),
      );
      if (!area)
        throw new AccessCatalogueError('unknown_area', `No access package area matches "${filter.area}".`);
      records = records.filter((pkg) => pkg.area.urn === area.urn);
    }
    if (filter.areaGroup !== undefined) {
      const wanted = foldForMatching(filter.areaGroup);
      const group = this.listAreaGroups().find((g) =>
        [g.name_nb, g.name_en].map(foldForMatching).includes(wanted),
      );
      if (!group) {
        throw new AccessCatalogueError(
          'unknown_area_group',
          `No access package area group matches "${filter.areaGroup}".`,
        );
      }
      records = records.filter((pkg) => pkg.areaGroup.name_nb === group.name_nb);
    }
    return records.map(toAccessPackage);
  }

  listAreas(): AccessPackageArea[] {
    return this.files.packages.areas.map((area) =>
      toAccessPackageArea(area, this.areaGroupNamesEn.get(area.areaGroup) ?? area.areaGroup),
    );
  }

  listAreaGroups(): AreaGroupSummary[] {
    const counts = new Map<string, number>();
    for (const pkg of this.files.packages.packages)
      counts.set(pkg.areaGroup.name_nb, (counts.get(pkg.areaGroup.name_nb) ?? 0) + 1);
    return [...this.areaGroupNamesEn].map(([name_nb, name_en]) => ({
      name_nb,
      name_en,
      package_count: counts.get(name_nb) ?? 0,
    }));
  }

  /** An Enhetsregisteret role by code (DAGL, FFØR or FFOR), Altinn 3 URN or legacy URN. */
  erRole(codeOrUrn: string): RolePackages | undefined {
    return this.roleOfKind('er', codeOrUrn);
  }

  /** An Altinn 3 role that is not from Enhetsregisteret: hovedadministrator, privatperson (PRIV). */
  altinn3Role(codeOrUrn: string): RolePackages | undefined {
    return this.roleOfKind('altinn3', codeOrUrn);
  }

  private roleOfKind(kind: RoleKind, codeOrUrn: string): RolePackages | undefined {
    const entry = this.rolesByKey.get(normaliseRoleKey(codeOrUrn));
    if (!entry || entry.kind !== kind) return undefined;
    return toRolePackages(entry.record, kind, (urn) => this.packageRecord(urn));
  }

  private toAltinn2RoleMapping(role: Altinn2RoleRecord): Altinn2RoleMapping {
    const mergesWith = this.mergePartners(role);
    return {
      code: role.code,
      urn: role.urn,
      name_nb: role.name_nb,
      name_en: role.name_en,
      status: role.status,
      status_meaning: this.files.altinn2.coverage.statusMeaning[role.status] ?? '',
      confidence: {
        level: confidenceLevelFor(role.status),
        data_confidence: role.confidence ?? null,
        basis: [...role.basis],
        note: role.note ?? null,
      },
      automatic_transfer: role.status === 'official-automatic',
      shape: mappingShapeFor(role.packages.length, mergesWith.length),
      successor_packages: role.packages.map((urn) => toAccessPackage(this.packageRecord(urn))),
      merges_with: mergesWith,
      granted_in_altinn2_by: role.grantedInAltinn2ByErRoles.map((entry) => this.describeGranter(entry)),
    };
  }

  private shapeOf(role: Altinn2RoleRecord): MappingShape {
    return mappingShapeFor(role.packages.length, this.mergePartners(role).length);
  }

  /** Other Altinn 2 roles that lead to at least one of this role's successor packages. */
  private mergePartners(role: Altinn2RoleRecord): Altinn2RoleMapping['merges_with'] {
    const partners = new Map<string, Altinn2RoleMapping['merges_with'][number]>();
    for (const urn of role.packages) {
      for (const other of this.altinn2RolesByPackage.get(urn) ?? []) {
        if (other.code === role.code) continue;
        const partner = partners.get(other.code) ?? {
          code: other.code,
          urn: other.urn,
          name_nb: other.name_nb,
          name_en: other.name_en,
          shared_packages: [],
        };
        partner.shared_packages.push(urn);
        partners.set(other.code, partner);
      }
    }
    return [...partners.values()];
  }

  private describeGranter(entry: string): Altinn2RoleMapping['granted_in_altinn2_by'][number] {
    const [, code = entry, qualifier] = /^([^(]+)(?:\((.*)\))?$/.exec(entry) ?? [];
    const role = this.rolesByKey.get(GRANTER_ALIASES[code] ?? code.toUpperCase());
    return {
      code,
      qualifier: qualifier ?? null,
      kind: role?.kind ?? null,
      role_urn: role?.record.urn ?? null,
      name_nb: role?.record.name_nb ?? null,
    };
  }

  private packageRecord(urn: string): PackageRecord {
    const record = this.packagesByUrn.get(urn);
    // Cannot happen after validation: every URN a mapping names was checked against packages.json.
    if (!record) throw new Error(`Access catalogue index has no package ${urn}`);
    return record;
  }
}

/** `utinn`, ` UTINN ` and `urn:altinn:rolecode:utinn` all become `UTINN`. */
export function normaliseAltinn2Code(codeOrUrn: string): string {
  const trimmed = codeOrUrn.trim();
  const code = trimmed.toLowerCase().startsWith(ALTINN2_ROLE_URN_PREFIX)
    ? trimmed.slice(ALTINN2_ROLE_URN_PREFIX.length)
    : trimmed;
  return code.toUpperCase();
}
