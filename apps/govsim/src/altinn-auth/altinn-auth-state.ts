import { randomBytes, randomUUID } from 'node:crypto';

/** A vendor system in the Altinn system register. */
export interface RegisteredSystem {
  id: string;
  vendorOrgnr: string;
  name: Record<string, string>;
  clientIds: string[];
  /** Access package URNs (`urn:altinn:accesspackage:…`). */
  accessPackages: string[];
  rights: unknown[];
  allowedRedirectUrls: string[];
  isDeleted: boolean;
  /** The GUID Altinn answers a registration with; absent for systems seeded via the control API. */
  internalId?: string;
  description?: Record<string, string>;
  isVisible?: boolean;
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
  integrationTitle?: string;
  /** Insertion order; the continuation token of paginated lists points into it. */
  sequence?: number;
}

export type StoredRequestStatus = 'New' | 'Accepted' | 'Rejected' | 'Denied';
/** Timedout is never stored: like Altinn, a request reads as timed out once it is old enough. */
export type RequestStatus = StoredRequestStatus | 'Timedout';

/** A vendor's request for a System User, waiting for the customer's human to decide. */
export interface SystemUserRequestRecord {
  id: string;
  sequence: number;
  systemId: string;
  vendorOrgnr: string;
  partyOrgNo: string;
  externalRef: string;
  integrationTitle?: string;
  rights: unknown[];
  accessPackages: string[];
  redirectUrl?: string;
  status: StoredRequestStatus;
  created: Date;
  isDeleted: boolean;
  systemUserId?: string;
  /** Embedded in the confirm page and required on its POSTs, so another site cannot decide for the customer. */
  confirmFormToken: string;
}

/** Altinn's server constant; settable through the control API so tests need not wait half a year. */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 180 * 24 * 60 * 60;
export const DEFAULT_PAGE_SIZE = 100;

/**
 * Altinn Authentication's state as the simulator keeps it. Maskinporten reads it for the
 * System User check (Altinn's byExternalId lookup); deleting a system user makes the next grant
 * fail with MP-303 while tokens already issued stay valid until they expire, as in production.
 */
export class AltinnAuthState {
  readonly systems = new Map<string, RegisteredSystem>();
  readonly systemUsers = new Map<string, SystemUserRecord>();
  readonly requests = new Map<string, SystemUserRequestRecord>();
  requestTimeoutSeconds = DEFAULT_REQUEST_TIMEOUT_SECONDS;
  pageSize = DEFAULT_PAGE_SIZE;
  private sequence = 0;

  /** The clock is Maskinporten's in the running simulator, so one control call moves both. */
  constructor(private readonly clock: () => Date = () => new Date()) {}

  now(): Date {
    return this.clock();
  }

  nextSequence(): number {
    this.sequence += 1;
    return this.sequence;
  }

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
    const user = this.activeSystemUserFor(system.id, orgnr, externalRef);
    return user ? { system, user } : null;
  }

  activeSystemUserFor(systemId: string, orgnr: string, externalRef: string): SystemUserRecord | undefined {
    return [...this.systemUsers.values()].find(
      (u) =>
        !u.isDeleted && u.systemId === systemId && u.reporteeOrgNo === orgnr && u.externalRef === externalRef,
    );
  }

  createSystemUser(input: {
    systemId: string;
    reporteeOrgNo: string;
    externalRef?: string;
    accessPackages: string[];
    integrationTitle?: string;
  }): SystemUserRecord {
    const user: SystemUserRecord = {
      id: randomUUID(),
      systemId: input.systemId,
      reporteeOrgNo: input.reporteeOrgNo,
      externalRef: input.externalRef ?? input.reporteeOrgNo,
      accessPackages: input.accessPackages,
      created: this.now().toISOString(),
      isDeleted: false,
      userType: 'standard',
      sequence: this.nextSequence(),
      ...(input.integrationTitle ? { integrationTitle: input.integrationTitle } : {}),
    };
    this.systemUsers.set(user.id, user);
    return user;
  }

  /**
   * What the customer's "delete system access" in the portal does. Altinn also deletes the request
   * behind the system user, so the vendor can ask again and gets a fresh request.
   */
  deleteSystemUser(id: string): boolean {
    const user = this.systemUsers.get(id);
    if (!user || user.isDeleted) return false;
    user.isDeleted = true;
    for (const request of this.requests.values()) {
      if (
        request.systemId === user.systemId &&
        request.partyOrgNo === user.reporteeOrgNo &&
        request.externalRef === user.externalRef
      )
        request.isDeleted = true;
    }
    return true;
  }

  /** Altinn applies the age limit when reading, whatever the stored status. */
  isTimedOut(request: SystemUserRequestRecord): boolean {
    return this.now().getTime() - request.created.getTime() > this.requestTimeoutSeconds * 1000;
  }

  reportedStatus(request: SystemUserRequestRecord): RequestStatus {
    return this.isTimedOut(request) ? 'Timedout' : request.status;
  }

  newRequest(
    input: Omit<
      SystemUserRequestRecord,
      'id' | 'sequence' | 'status' | 'created' | 'isDeleted' | 'confirmFormToken'
    >,
  ): SystemUserRequestRecord {
    const request: SystemUserRequestRecord = {
      ...input,
      id: randomUUID(),
      sequence: this.nextSequence(),
      status: 'New',
      created: this.now(),
      isDeleted: false,
      confirmFormToken: randomBytes(32).toString('base64url'),
    };
    this.requests.set(request.id, request);
    return request;
  }

  /** Empties the register and forgets every request and system user; settings go back to defaults. */
  reset(): void {
    this.systems.clear();
    this.systemUsers.clear();
    this.requests.clear();
    this.requestTimeoutSeconds = DEFAULT_REQUEST_TIMEOUT_SECONDS;
    this.pageSize = DEFAULT_PAGE_SIZE;
  }
}
