import {
  type AccessCatalogue,
  AccessCatalogueError,
  foldForMatching,
  type AccessPackageRef,
  type MigrationPlanItem,
  type PackageFilter,
  type PackageOrigins,
  planMigration,
  type RolePackages,
} from '@apier/access-catalogue';
import { ApierError, type Orgnr } from '@apier/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_CATALOGUE } from './migration-tool.tokens';
import type {
  AccessPackageAreaList,
  AccessPackageList,
  AltinnMigrationPlan,
} from './migration-tool.operations';

const PACKAGE_SUGGESTION_LIMIT = 5;
/** Shorter fragments ("a", "lo") match half the catalogue and help nobody. */
const MIN_SUGGESTION_QUERY = 3;

/** Answers the migration tool's questions from the catalogue and turns "nothing found" into problem codes. */
@Injectable()
export class MigrationToolService {
  constructor(@Inject(ACCESS_CATALOGUE) private readonly catalogue: AccessCatalogue) {}

  get catalogueVersion(): string {
    return this.catalogue.version;
  }

  /** A plan for one role; unlike the bulk plan an unknown code fails the request, since nothing else is in it. */
  planOneRole(input: string, today: Date): AltinnMigrationPlan {
    const plan = planMigration(this.catalogue, [input], today);
    const [item] = plan.items;
    if (item?.outcome === 'error') throw roleItemError(item);
    return plan;
  }

  planRoles(inputs: readonly string[], orgnr: Orgnr | undefined, today: Date): AltinnMigrationPlan {
    const plan = planMigration(this.catalogue, inputs, today);
    if (orgnr === undefined) return plan;
    return {
      ...plan,
      delegation_request_template: { orgnr, ...plan.delegation_request_template },
      client_delegation_request_template: { orgnr, ...plan.client_delegation_request_template },
    };
  }

  listPackages(filter: PackageFilter): AccessPackageList {
    const packages = this.filteredPackages(filter);
    return {
      catalogue_version: this.catalogue.version,
      filter: { area: filter.area ?? null, area_group: filter.areaGroup ?? null },
      count: packages.length,
      packages,
    };
  }

  packageOrigins(urnOrCode: string): PackageOrigins {
    const origins = this.catalogue.package(urnOrCode);
    if (origins) return origins;
    const altinn2Hint = this.catalogue.altinn2Role(urnOrCode)
      ? ` ${urnOrCode.trim()} is an Altinn 2 role; plan it with GET /api/v1/tools/altinn-migration?role=.`
      : '';
    throw new ApierError(
      'unknown_access_package',
      `No access package matches "${urnOrCode}".${altinn2Hint}`,
      { details: { package: urnOrCode, close_matches: this.packageSuggestions(urnOrCode) } },
    );
  }

  erRole(codeOrUrn: string): RolePackages {
    const role = this.catalogue.erRole(codeOrUrn);
    if (role) return role;
    const altinn2Hint = this.catalogue.altinn2Role(codeOrUrn)
      ? ` ${codeOrUrn.trim()} is an Altinn 2 role; plan it with GET /api/v1/tools/altinn-migration?role=.`
      : '';
    throw new ApierError(
      'unknown_er_role',
      `"${codeOrUrn}" is not an Enhetsregisteret role in the access catalogue.${altinn2Hint}`,
      { details: { role: codeOrUrn } },
    );
  }

  listAreas(): AccessPackageAreaList {
    return {
      catalogue_version: this.catalogue.version,
      area_groups: this.catalogue.listAreaGroups(),
      areas: this.catalogue.listAreas(),
    };
  }

  private filteredPackages(filter: PackageFilter) {
    try {
      return this.catalogue.listPackages(filter);
    } catch (error) {
      if (!(error instanceof AccessCatalogueError)) throw error;
      if (error.code === 'unknown_area') {
        const validAreas = this.catalogue
          .listAreas()
          .map(({ urn, name_nb, name_en }) => ({ slug: areaSlug(urn), urn, name_nb, name_en }));
        throw new ApierError('unknown_area', error.message, {
          details: { area: filter.area, valid_areas: validAreas },
        });
      }
      if (error.code === 'unknown_area_group') {
        const validGroups = this.catalogue
          .listAreaGroups()
          .map(({ name_nb, name_en }) => ({ name_nb, name_en }));
        throw new ApierError('unknown_area_group', error.message, {
          details: { area_group: filter.areaGroup, valid_area_groups: validGroups },
        });
      }
      throw error;
    }
  }

  /** Packages whose code or name contains what was typed, or whose code it contains ("lønn" → lonn, …). */
  private packageSuggestions(input: string): AccessPackageRef[] {
    const query = foldForSearch(input.trim().replace(/^urn:altinn:accesspackage:/i, ''));
    if (query.length < MIN_SUGGESTION_QUERY) return [];
    return this.catalogue
      .listPackages()
      .filter((pkg) => {
        const code = foldForSearch(pkg.code);
        const names = [pkg.name.nb, pkg.name.en].map(foldForSearch);
        return code.includes(query) || query.includes(code) || names.some((name) => name.includes(query));
      })
      .slice(0, PACKAGE_SUGGESTION_LIMIT)
      .map(({ urn, code, name }) => ({ urn, code, name }));
  }
}

function roleItemError(item: Extract<MigrationPlanItem, { outcome: 'error' }>): ApierError {
  if (item.problem === 'invalid_role_code') {
    return new ApierError('validation_failed', 'The request query parameters failed validation', {
      details: { errors: [{ parameter: 'role', in: 'query', detail: item.detail }] },
    });
  }
  // `code` would clash with the problem's own code member, so the normalised role goes in `role`.
  return new ApierError('unknown_role', item.detail, {
    details: { input: item.input, role: item.code, close_matches: item.close_matches },
  });
}

function areaSlug(urn: string): string {
  return urn.replace(/^accesspackage:area:/, '');
}

/** The catalogue's own folding (æ/ø/å, diacritics), with hyphens and underscores as spaces. */
const foldForSearch = (value: string) => foldForMatching(value).replace(/[-_]+/g, ' ').trim();
