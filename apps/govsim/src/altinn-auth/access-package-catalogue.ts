/** What the system register asks of the access-package catalogue (AUTH.VLD-00008). */
export interface AccessPackageCatalogue {
  isDelegable(urn: string): boolean;
}

export const ACCESS_PACKAGE_URN_PREFIX = 'urn:altinn:accesspackage:';
const WELL_FORMED_PACKAGE = /^urn:altinn:accesspackage:[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Accepts every well-formed access-package URN. A copied allow-list would drift from Altinn's
 * catalogue and make the simulator refuse packages the real register takes; the authoritative list
 * lives in libs/access-catalogue, which a stricter implementation of this interface can wrap.
 */
export const wellFormedAccessPackages: AccessPackageCatalogue = {
  isDelegable: (urn) => WELL_FORMED_PACKAGE.test(urn),
};
