import { ApierError, type AuthorizeOrgReply } from '@apier/contracts';
import { randomUUID } from 'node:crypto';
import type {
  AltinnAuthenticationApi,
  NewSystemUserRequest,
  RegisteredSystem,
  SystemDefinition,
  SystemUser,
  SystemUserRequest,
} from '../../altinn/altinn-authentication.client';
import type { SystemUserAuthority } from '../delegation-confirmation';

type Status = SystemUserRequest['status'];

const unavailable = () =>
  new ApierError('upstream_unavailable', 'Altinn could not be reached', { details: { upstream: 'altinn' } });
const refused = (code: string, status = 400) =>
  new ApierError('altinn_rejected', `Altinn refused (${code})`, {
    details: { altinn_code: code, altinn_status: status },
  });

/**
 * The vendor side of Altinn as plain state, for specs of the domain classes (the wire format is
 * the HTTP client's spec; the whole handshake runs against govsim in e2e). `down` makes every
 * call fail like an unreachable Altinn.
 */
export class InMemoryAltinn implements AltinnAuthenticationApi {
  down = false;
  readonly systems = new Map<string, RegisteredSystem>();
  readonly requests = new Map<string, SystemUserRequest>();
  readonly users = new Map<string, SystemUser>();
  readonly calls: string[] = [];

  async getSystem(systemId: string) {
    this.call('getSystem');
    return this.systems.get(systemId) ?? null;
  }

  async registerSystem(definition: SystemDefinition) {
    this.call('registerSystem');
    this.systems.set(definition.id, { id: definition.id, accessPackages: definition.accessPackages });
  }

  async replaceSystem(definition: SystemDefinition) {
    this.call('replaceSystem');
    this.systems.set(definition.id, { id: definition.id, accessPackages: definition.accessPackages });
  }

  async createRequest(input: NewSystemUserRequest) {
    this.call('createRequest');
    if (this.liveUser(input.systemId, input.partyOrgNo, input.externalRef)) throw refused('AUTH-00004');
    const existing = this.byTriple(input.systemId, input.partyOrgNo, input.externalRef);
    if (existing?.status === 'New') return { created: false, request: existing };
    if (existing?.status === 'Rejected') throw refused('AUTH-00009');
    const request: SystemUserRequest = {
      id: randomUUID(),
      systemId: input.systemId,
      partyOrgNo: input.partyOrgNo,
      externalRef: input.externalRef,
      accessPackages: input.accessPackages.map((urn) => ({ urn })),
      status: 'New',
      confirmUrl: `https://am.ui.example/accessmanagement/ui/systemuser/request?id=${randomUUID()}`,
      created: new Date().toISOString(),
    };
    this.requests.set(request.id, request);
    return { created: true, request };
  }

  async getRequest(requestId: string) {
    this.call('getRequest');
    return this.requests.get(requestId) ?? null;
  }

  async getRequestByExternalRef(systemId: string, orgnr: string, externalRef: string) {
    this.call('getRequestByExternalRef');
    return this.byTriple(systemId, orgnr, externalRef) ?? null;
  }

  async deleteRequest(requestId: string) {
    this.call('deleteRequest');
    this.requests.delete(requestId);
  }

  async findSystemUser(systemId: string, orgnr: string, externalRef: string) {
    this.call('findSystemUser');
    return this.liveUser(systemId, orgnr, externalRef) ?? null;
  }

  async listSystemUsers(systemId: string) {
    this.call('listSystemUsers');
    return [...this.users.values()].filter((u) => u.systemId === systemId && !u.isDeleted);
  }

  /** The company's human decides (approve creates the System User, as in Altinn). */
  decide(requestId: string, status: Exclude<Status, 'New'>): SystemUser | null {
    const request = this.requests.get(requestId)!;
    request.status = status;
    if (status !== 'Accepted') return null;
    const user = {
      id: randomUUID(),
      systemId: request.systemId,
      reporteeOrgNo: request.partyOrgNo,
      externalRef: request.externalRef ?? request.partyOrgNo,
      isDeleted: false,
    };
    this.users.set(user.id, user);
    return user;
  }

  /** The company deletes the System User in the Altinn portal. */
  revoke(orgnr: string, externalRef: string): void {
    for (const user of this.users.values())
      if (user.reporteeOrgNo === orgnr && user.externalRef === externalRef) user.isDeleted = true;
  }

  liveUser(systemId: string, orgnr: string, externalRef: string): SystemUser | undefined {
    return [...this.users.values()].find(
      (u) =>
        u.systemId === systemId && u.reporteeOrgNo === orgnr && u.externalRef === externalRef && !u.isDeleted,
    );
  }

  private byTriple(systemId: string, orgnr: string, externalRef: string) {
    return [...this.requests.values()]
      .filter((r) => r.systemId === systemId && r.partyOrgNo === orgnr && r.externalRef === externalRef)
      .at(-1);
  }

  private call(name: string): void {
    this.calls.push(name);
    if (this.down) throw unavailable();
  }
}

/**
 * Maskinporten's System User check over the same state: a token only for a live System User
 * (else MP-303, `delegation_inactive`); `down` is Maskinporten unreachable.
 */
export class InMemoryAuthority implements SystemUserAuthority {
  down = false;
  readonly grants: { orgnr: string; externalRef: string | undefined; fresh: boolean }[] = [];

  constructor(
    private readonly altinn: InMemoryAltinn,
    private readonly systemId: string,
  ) {}

  async authorize(
    orgnr: string,
    scopes: string[],
    fresh: boolean,
    externalRef?: string,
  ): Promise<AuthorizeOrgReply> {
    this.grants.push({ orgnr, externalRef, fresh });
    if (this.down)
      throw new ApierError('upstream_unavailable', 'Maskinporten could not be reached', {
        details: { upstream: 'maskinporten' },
      });
    if (!this.altinn.liveUser(this.systemId, orgnr, externalRef ?? orgnr))
      throw new ApierError('delegation_inactive', 'MP-303', {
        details: { orgnr, maskinporten_code: 'MP-303' },
      });
    const now = new Date();
    return {
      orgnr,
      authorized: true,
      scopes,
      confirmed_at: now.toISOString(),
      valid_until: new Date(now.getTime() + 45_000).toISOString(),
      source: 'maskinporten',
    };
  }
}
