/** The Maskinporten scopes Altinn Authentication's vendor APIs demand (reference §4.0). */
export const AltinnScopes = {
  systemRegisterWrite: 'altinn:authentication/systemregister.write',
  /** Digdir's own scope; passes the system register policy too. */
  systemRegisterAdmin: 'altinn:authentication/systemregister.admin',
  requestWrite: 'altinn:authentication/systemuser.request.write',
  requestRead: 'altinn:authentication/systemuser.request.read',
  /** Maskinporten's own System User lookup. */
  systemUserLookup: 'altinn:maskinporten/systemuser.read',
} as const;

export const SYSTEM_REGISTER_SCOPES = [AltinnScopes.systemRegisterWrite, AltinnScopes.systemRegisterAdmin];
