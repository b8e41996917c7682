import type { AccessCatalogue } from '@apier/access-catalogue';

/** The access packages Altinn derives from an Enhetsregisteret role, for one organisation form. */
export interface ErRolePackages {
  readonly version: string;
  packagesFor(roleCode: string, organisationForm: string): string[];
}

/** Reads role grants from the access catalogue, including grants that apply only to this org form. */
export function erRolePackagesFrom(catalogue: AccessCatalogue): ErRolePackages {
  return {
    version: catalogue.version,
    packagesFor(roleCode, organisationForm) {
      const role = catalogue.erRole(roleCode);
      if (!role) return [];
      const conditional = role.conditional_packages.filter((g) => g.only_for_org_form === organisationForm);
      return [...role.packages, ...conditional].map((grant) => grant.urn);
    },
  };
}
