import { randomUUID } from 'node:crypto';

/** A vendor system in the Altinn system register. */
export interface RegisteredSystem {
  id: string;
  vendorOrgnr: string;
  name: Record<string, string>;
  clientIds: string[];
  accessPackages: string[];
  rights: unknown[];
  allowedRedirectUrls: string[];
  isDeleted: boolean;
}

/** A System User: a company's standing delegation to a vendor system. */
export interface SystemUserRecord {
  id: string;
  systemId: string;
  reporteeOrgNo: string;
  externalRef: string;
  accessPackages: string[];
  created: string;
  isDeleted: boolean;
  userType: 'standard' | 'agent';
}

/**
 * Altinn Authentication's state as the simulator keeps it. Maskinporten reads it for the
 * System User check (Altinn's byExternalId lookup); deleting a system user makes the next grant
 * fail with MP-303 while tokens already issued stay valid until they expire, as in production.
 */
export class AltinnAuthState {
  readonly systems = new Map<string, RegisteredSystem>();
  readonly systemUsers = new Map<string, SystemUserRecord>();

  systemForClient(clientId: string): RegisteredSystem | undefined {
    return [...this.systems.values()].find((s) => !s.isDeleted && s.clientIds.includes(clientId));
  }

  findActiveSystemUser(
    clientId: string,
    orgnr: string,
    externalRef: string,
  ): { system: RegisteredSystem; user: SystemUserRecord } | null {
    const system = this.systemForClient(clientId);
    if (!system) return null;
    const user = [...this.systemUsers.values()].find(
      (u) =>
        !u.isDeleted &&
        u.systemId === system.id &&
        u.reporteeOrgNo === orgnr &&
        u.externalRef === externalRef,
    );
    return user ? { system, user } : null;
  }

  createSystemUser(input: {
    systemId: string;
    reporteeOrgNo: string;
    externalRef?: string;
    accessPackages: string[];
  }): SystemUserRecord {
    const user: SystemUserRecord = {
      id: randomUUID(),
      systemId: input.systemId,
      reporteeOrgNo: input.reporteeOrgNo,
      externalRef: input.externalRef ?? input.reporteeOrgNo,
      accessPackages: input.accessPackages,
      created: new Date().toISOString(),
      isDeleted: false,
      userType: 'standard',
    };
    this.systemUsers.set(user.id, user);
    return user;
  }

  deleteSystemUser(id: string): boolean {
    const user = this.systemUsers.get(id);
    if (!user || user.isDeleted) return false;
    user.isDeleted = true;
    return true;
  }
}
