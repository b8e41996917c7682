import { randomUUID } from 'node:crypto';
import type { AccessPackageCatalogue } from './access-package-catalogue';
import type { AltinnAuthState, RegisteredSystem } from './altinn-auth-state';
import {
  AuthProblems,
  BearerRejected,
  validationProblem,
  type AltinnValidationError,
} from './altinn-problem';
import { parseAltinnBody } from './altinn-request-body';
import {
  accessPackageErrors,
  AccessPackageRefsSchema,
  clientIdErrors,
  identityErrors,
  redirectUrlErrors,
  rightsErrors,
  RightsSchema,
  type SystemDefinition,
  SystemDefinitionSchema,
  vendorOrgnrInDefinition,
} from './system-definition';

/** A registered system as the vendor API returns it. */
export function systemView(system: RegisteredSystem) {
  return {
    id: system.id,
    vendor: { authority: 'iso6523-actorid-upis', ID: `0192:${system.vendorOrgnr}` },
    name: system.name,
    description: system.description ?? {},
    rights: system.rights,
    accessPackages: system.accessPackages.map((urn) => ({ urn })),
    clientId: system.clientIds,
    allowedRedirectUrls: system.allowedRedirectUrls,
    isVisible: system.isVisible ?? false,
    isDeleted: system.isDeleted,
  };
}

/**
 * Altinn's system register for vendors: each vendor sees and changes only its own systems, every
 * write is validated with the AUTH.VLD codes Altinn uses, and a clientId belongs to one system only.
 */
export class SystemRegister {
  constructor(
    private readonly state: AltinnAuthState,
    private readonly catalogue: AccessPackageCatalogue,
  ) {}

  /** Registers a system; answers with its internal GUID as Altinn does. */
  register(vendorOrgnr: string, body: unknown): string {
    const definition = parseAltinnBody(SystemDefinitionSchema, body);
    this.assertValid(definition, vendorOrgnr, [
      ...(this.state.systems.has(definition.id)
        ? [{ code: 'AUTH.VLD-00002', title: 'The system id already exists', paths: ['/id'] }]
        : []),
    ]);
    const internalId = randomUUID();
    this.state.systems.set(definition.id, {
      ...this.fieldsOf(definition),
      id: definition.id,
      vendorOrgnr,
      isDeleted: false,
      internalId,
    });
    return internalId;
  }

  list(vendorOrgnr: string) {
    return [...this.state.systems.values()]
      .filter((system) => system.vendorOrgnr === vendorOrgnr && !system.isDeleted)
      .map(systemView);
  }

  get(vendorOrgnr: string, systemId: string) {
    return systemView(this.ownedSystem(vendorOrgnr, systemId));
  }

  /** PUT replaces the whole definition; the id in the body must be the one in the URL. */
  replace(vendorOrgnr: string, systemId: string, body: unknown): true {
    const system = this.ownedSystem(vendorOrgnr, systemId);
    const definition = parseAltinnBody(SystemDefinitionSchema, body);
    this.assertValid(definition, vendorOrgnr, [
      ...(definition.id !== systemId
        ? [
            {
              code: 'AUTH.VLD-00012',
              title: 'The system ID in the request body does not match the system ID in the URL',
              paths: ['/id'],
            },
          ]
        : []),
    ]);
    Object.assign(system, this.fieldsOf(definition));
    return true;
  }

  replaceRights(vendorOrgnr: string, systemId: string, body: unknown): true {
    const system = this.ownedSystem(vendorOrgnr, systemId);
    const rights = parseAltinnBody(RightsSchema, body);
    const errors = rightsErrors(rights);
    if (errors.length) throw validationProblem(errors);
    system.rights = rights;
    return true;
  }

  replaceAccessPackages(vendorOrgnr: string, systemId: string, body: unknown): true {
    const system = this.ownedSystem(vendorOrgnr, systemId);
    const packages = parseAltinnBody(AccessPackageRefsSchema, body);
    const errors = accessPackageErrors(packages, this.catalogue);
    if (errors.length) throw validationProblem(errors);
    system.accessPackages = packages.map((p) => p.urn);
    return true;
  }

  /** Soft delete: the system disappears from the vendor's list and Maskinporten stops finding it by clientId. */
  delete(vendorOrgnr: string, systemId: string): true {
    this.ownedSystem(vendorOrgnr, systemId).isDeleted = true;
    return true;
  }

  /** AUTH-00011 for an unknown or deleted system, a bare 403 for another vendor's system. */
  ownedSystem(vendorOrgnr: string, systemId: string): RegisteredSystem {
    const system = this.state.systems.get(systemId);
    if (!system || system.isDeleted) throw AuthProblems.systemNotFound();
    if (system.vendorOrgnr !== vendorOrgnr) throw new BearerRejected(403);
    return system;
  }

  private assertValid(definition: SystemDefinition, callerOrgnr: string, extra: AltinnValidationError[]) {
    const identity = identityErrors(definition);
    const declaredVendor = vendorOrgnrInDefinition(definition);
    // Registering a system in another organisation's name is an authorization failure, not a validation one.
    if (declaredVendor !== null && declaredVendor !== callerOrgnr) throw new BearerRejected(403);
    const errors = [
      ...identity,
      ...extra,
      ...rightsErrors(definition.rights),
      ...accessPackageErrors(definition.accessPackages, this.catalogue),
      ...clientIdErrors(definition.clientId, (id) => this.state.systemForClient(id)?.id, definition.id),
      ...redirectUrlErrors(definition.allowedRedirectUrls),
    ];
    if (errors.length) throw validationProblem(errors);
  }

  private fieldsOf(definition: SystemDefinition) {
    return {
      name: definition.name,
      description: definition.description ?? {},
      rights: definition.rights,
      accessPackages: definition.accessPackages.map((p) => p.urn),
      clientIds: definition.clientId,
      allowedRedirectUrls: definition.allowedRedirectUrls,
      isVisible: definition.isVisible,
    };
  }
}
