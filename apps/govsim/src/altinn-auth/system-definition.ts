import { z } from 'zod';
import type { AccessPackageCatalogue } from './access-package-catalogue';
import type { AltinnValidationError } from './altinn-problem';
import { withCanonicalKeys } from './altinn-request-body';

const RESOURCE_ATTRIBUTE_ID = 'urn:altinn:resource';
const VENDOR_ID = /^0192:(\d{9})$/;
const SYSTEM_ID = /^(\d{9})_[a-z0-9_]+$/;

const ResourceAttributeSchema = z.preprocess(
  (value) => withCanonicalKeys(value, ['id', 'value']),
  z.object({ id: z.string(), value: z.string() }),
);
export const RightSchema = z.preprocess(
  (value) => withCanonicalKeys(value, ['resource', 'action']),
  z.object({ resource: z.array(ResourceAttributeSchema).min(1), action: z.string().optional() }),
);
export const AccessPackageRefSchema = z.preprocess(
  (value) => withCanonicalKeys(value, ['urn']),
  z.object({ urn: z.string() }),
);
export const RightsSchema = z.array(RightSchema);
export const AccessPackageRefsSchema = z.array(AccessPackageRefSchema);

const TOP_LEVEL_KEYS = [
  'id',
  'vendor',
  'name',
  'description',
  'rights',
  'accessPackages',
  'clientId',
  'allowedRedirectUrls',
  'isVisible',
] as const;

/** The body of `POST/PUT /systemregister/vendor…` (camelCase, as Altinn documents it). */
export const SystemDefinitionSchema = z.preprocess(
  (value) => withCanonicalKeys(value, TOP_LEVEL_KEYS),
  z.object({
    id: z.string().min(1),
    vendor: z.preprocess(
      (value) => withCanonicalKeys(value, ['authority', 'ID']),
      z.object({ authority: z.string().optional(), ID: z.string() }),
    ),
    name: z.record(z.string(), z.string()),
    description: z.record(z.string(), z.string()).optional(),
    rights: RightsSchema.default([]),
    accessPackages: AccessPackageRefsSchema.default([]),
    clientId: z.array(z.string().min(1)).default([]),
    allowedRedirectUrls: z.array(z.string()).default([]),
    isVisible: z.boolean().default(false),
  }),
);
export type SystemDefinition = z.output<typeof SystemDefinitionSchema>;
export type Right = z.output<typeof RightSchema>;

/** The org number in `vendor.ID`, or null when it is not an ISO 6523 `0192:` identifier. */
export function vendorOrgnrInDefinition(definition: SystemDefinition): string | null {
  return VENDOR_ID.exec(definition.vendor.ID)?.[1] ?? null;
}

function error(code: string, title: string, path: string): AltinnValidationError {
  return { code, title, paths: [path] };
}

/** AUTH.VLD-00000/00001/00013: vendor identifier and system id format, id prefixed by the vendor's org number. */
export function identityErrors(definition: SystemDefinition): AltinnValidationError[] {
  const vendorOrgnr = vendorOrgnrInDefinition(definition);
  const errors: AltinnValidationError[] = [];
  if (!vendorOrgnr)
    errors.push(
      error('AUTH.VLD-00000', 'the org number identifier is not valid ISO6523 identifier', '/vendor/ID'),
    );
  if (/\s/.test(definition.id)) {
    errors.push(
      error(
        'AUTH.VLD-00013',
        'System ID cannot have spaces in id (leading, trailing or in between the id)',
        '/id',
      ),
    );
  } else {
    const idOrgnr = SYSTEM_ID.exec(definition.id)?.[1];
    if (!idOrgnr || (vendorOrgnr !== null && idOrgnr !== vendorOrgnr))
      errors.push(
        error('AUTH.VLD-00001', 'The system id does not match the format orgnumber_xxxx...', '/id'),
      );
  }
  return errors;
}

/** AUTH.VLD-00003/00006/00009: resource ids in Altinn's format, no empty values, no duplicate rights. */
export function rightsErrors(rights: Right[]): AltinnValidationError[] {
  const errors: AltinnValidationError[] = [];
  const attributes = rights.flatMap((right) => right.resource);
  if (attributes.some((attribute) => attribute.id !== RESOURCE_ATTRIBUTE_ID))
    errors.push(
      error(
        'AUTH.VLD-00009',
        'One or more resource id is in wrong format. The valid format is urn:altinn:resource',
        '/rights',
      ),
    );
  // Without a resource register every well-formed resource counts as existing; only a blank one cannot.
  if (attributes.some((attribute) => attribute.value.trim() === ''))
    errors.push(
      error(
        'AUTH.VLD-00003',
        "One or more resources specified in rights were not found in Altinn's resource register.",
        '/rights',
      ),
    );
  const keys = rights.map(rightKey);
  if (new Set(keys).size !== keys.length)
    errors.push(error('AUTH.VLD-00006', 'One or more duplicate rights found', '/rights'));
  return errors;
}

/** AUTH.VLD-00007/00008: no duplicate packages, each one known to the catalogue and delegable. */
export function accessPackageErrors(
  packages: { urn: string }[],
  catalogue: AccessPackageCatalogue,
): AltinnValidationError[] {
  const errors: AltinnValidationError[] = [];
  const urns = packages.map((p) => p.urn);
  if (new Set(urns).size !== urns.length)
    errors.push(error('AUTH.VLD-00007', 'One or more duplicate access package(s) found', '/accessPackages'));
  if (urns.some((urn) => !catalogue.isDelegable(urn)))
    errors.push(
      error(
        'AUTH.VLD-00008',
        "One or all the accesspackage(s) is not found in altinn's access packages or is not delegable",
        '/accessPackages',
      ),
    );
  return errors;
}

/** AUTH.VLD-00004/00011: every clientId once in the request and in no other system. */
export function clientIdErrors(
  clientIds: string[],
  ownerOf: (clientId: string) => string | undefined,
  systemId: string,
): AltinnValidationError[] {
  const errors: AltinnValidationError[] = [];
  if (new Set(clientIds).size !== clientIds.length)
    errors.push(error('AUTH.VLD-00011', 'Request contains duplicate client ids', '/clientId'));
  if (clientIds.some((clientId) => (ownerOf(clientId) ?? systemId) !== systemId))
    errors.push(
      error('AUTH.VLD-00004', 'One of the client id is already tagged with an existing system', '/clientId'),
    );
  return errors;
}

/** AUTH.VLD-00005: redirect URLs must be absolute https URLs. */
export function redirectUrlErrors(urls: string[]): AltinnValidationError[] {
  return urls.every(isHttpsUrl)
    ? []
    : [
        error(
          'AUTH.VLD-00005',
          'One or more of the redirect urls format is not valid. The valid format is https://xxx.xx',
          '/allowedRedirectUrls',
        ),
      ];
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** Two rights are the same when they name the same resource attributes, in any order. */
export function rightKey(right: unknown): string {
  const resource = ((right as { resource?: { id: string; value: string }[] }).resource ?? [])
    .map((attribute) => `${attribute.id}=${attribute.value}`)
    .sort();
  return resource.join('&');
}
