import { z } from 'zod';
import type { AltinnAuthState, RegisteredSystem, SystemUserRequestRecord } from './altinn-auth-state';
import { AuthProblems, validationProblem } from './altinn-problem';
import { parseAltinnBody, withCanonicalKeys } from './altinn-request-body';
import { paginate } from './paginated-list';
import { AccessPackageRefsSchema, rightKey, RightsSchema } from './system-definition';
import type { SystemRegister } from './system-register';
import { requestView } from './system-user-views';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Altinn trims every string of the create body before it looks at it.
const optionalText = z
  .string()
  .trim()
  .nullish()
  .transform((value) => value || undefined);

const CreateRequestSchema = z.preprocess(
  (value) =>
    withCanonicalKeys(value, [
      'systemId',
      'partyOrgNo',
      'externalRef',
      'integrationTitle',
      'rights',
      'accessPackages',
      'redirectUrl',
    ]),
  z.object({
    systemId: z.string().trim().min(1),
    partyOrgNo: z
      .string()
      .trim()
      .regex(/^\d{9}$/),
    externalRef: optionalText,
    integrationTitle: optionalText,
    rights: RightsSchema.nullish().transform((v) => v ?? []),
    accessPackages: AccessPackageRefsSchema.nullish().transform((v) => v ?? []),
    redirectUrl: optionalText,
  }),
);
type CreateRequest = z.output<typeof CreateRequestSchema>;

export type RequestView = ReturnType<typeof requestView>;

/**
 * The vendor-driven System User handshake: the vendor asks, the customer's human decides on the
 * confirm page (or a test decides through the control API), and approval creates the System User
 * that Maskinporten then finds.
 */
export class SystemUserRequests {
  constructor(
    private readonly state: AltinnAuthState,
    private readonly register: SystemRegister,
    private readonly publicBaseUrl: string,
  ) {}

  /** `created: false` means an identical pending request already existed and is returned as is. */
  create(vendorOrgnr: string, body: unknown): { created: boolean; request: RequestView } {
    const input = parseAltinnBody(CreateRequestSchema, body);
    const system = this.register.ownedSystem(vendorOrgnr, input.systemId);
    const externalRef = input.externalRef ?? input.partyOrgNo;
    if (this.state.activeSystemUserFor(system.id, input.partyOrgNo, externalRef))
      throw AuthProblems.systemUserAlreadyExists();
    const existing = this.liveRequestFor(system.id, input.partyOrgNo, externalRef);
    if (existing) return { created: false, request: this.view(this.reuse(existing, input)) };
    this.assertWithinSystem(system, input);
    const request = this.state.newRequest({
      systemId: system.id,
      vendorOrgnr,
      partyOrgNo: input.partyOrgNo,
      externalRef,
      rights: input.rights,
      accessPackages: input.accessPackages.map((p) => p.urn),
      ...(input.integrationTitle ? { integrationTitle: input.integrationTitle } : {}),
      ...(input.redirectUrl ? { redirectUrl: input.redirectUrl } : {}),
    });
    return { created: true, request: this.view(request) };
  }

  byId(vendorOrgnr: string, id: string): RequestView {
    return this.view(this.vendorsRequest(vendorOrgnr, id));
  }

  byExternalRef(vendorOrgnr: string, systemId: string, orgNo: string, externalRef: string): RequestView {
    const request = this.newestRequestFor(systemId, orgNo, externalRef);
    if (!request || request.vendorOrgnr !== vendorOrgnr) throw AuthProblems.requestNotFound();
    return this.view(request);
  }

  listBySystem(vendorOrgnr: string, systemId: string, token: string | undefined) {
    const system = this.register.ownedSystem(vendorOrgnr, systemId);
    const requests = [...this.state.requests.values()].filter(
      (r) => !r.isDeleted && r.systemId === system.id,
    );
    return paginate(
      requests,
      token,
      this.state.pageSize,
      (r) => this.view(r),
      (next) =>
        `${this.publicBaseUrl}/authentication/api/v1/systemuser/request/vendor/bysystem/${encodeURIComponent(system.id)}?token=${next}`,
    );
  }

  delete(vendorOrgnr: string, id: string): void {
    this.vendorsRequest(vendorOrgnr, id).isDeleted = true;
  }

  /** What the confirm page and the control API show the customer: any request that is not deleted. */
  forCustomer(id: string): SystemUserRequestRecord | undefined {
    const request = this.state.requests.get(id);
    return request && !request.isDeleted ? request : undefined;
  }

  /** The customer approves: the System User exists from now on, with the requested access packages. */
  approve(id: string): SystemUserRequestRecord {
    const request = this.decidable(id);
    const system = this.state.systems.get(request.systemId);
    if (!system || system.isDeleted) throw AuthProblems.systemNotFound();
    if (this.state.activeSystemUserFor(system.id, request.partyOrgNo, request.externalRef))
      throw AuthProblems.systemUserAlreadyExists();
    const user = this.state.createSystemUser({
      systemId: system.id,
      reporteeOrgNo: request.partyOrgNo,
      externalRef: request.externalRef,
      accessPackages: request.accessPackages,
      integrationTitle: request.integrationTitle ?? system.name['nb'] ?? system.id,
    });
    request.status = 'Accepted';
    request.systemUserId = user.id;
    return request;
  }

  /** Rejected is the customer saying no; Denied is Altinn refusing on the customer's behalf. */
  decline(id: string, status: 'Rejected' | 'Denied'): SystemUserRequestRecord {
    const request = this.decidable(id);
    request.status = status;
    return request;
  }

  view(request: SystemUserRequestRecord): RequestView {
    return requestView(this.state, this.publicBaseUrl, request);
  }

  private decidable(id: string): SystemUserRequestRecord {
    const request = this.forCustomer(id);
    if (!request) throw AuthProblems.requestNotFound();
    if (this.state.reportedStatus(request) !== 'New') throw AuthProblems.requestNotNew();
    return request;
  }

  private vendorsRequest(vendorOrgnr: string, id: string): SystemUserRequestRecord {
    if (!GUID.test(id))
      throw validationProblem([
        { code: 'STD.VLD-00000', title: 'The request id is not a valid GUID.', paths: ['/requestId'] },
      ]);
    const request = this.forCustomer(id);
    // Another vendor's request is reported as unknown rather than confirmed to exist.
    if (!request || request.vendorOrgnr !== vendorOrgnr) throw AuthProblems.requestNotFound();
    return request;
  }

  private newestRequestFor(systemId: string, orgNo: string, externalRef: string) {
    return [...this.state.requests.values()]
      .filter(
        (r) =>
          !r.isDeleted && r.systemId === systemId && r.partyOrgNo === orgNo && r.externalRef === externalRef,
      )
      .sort((a, b) => b.sequence - a.sequence)[0];
  }

  private liveRequestFor(systemId: string, orgNo: string, externalRef: string) {
    const request = this.newestRequestFor(systemId, orgNo, externalRef);
    return request && !this.state.isTimedOut(request) ? request : undefined;
  }

  /**
   * Create is idempotent for the same pending request. Altinn hands back any live request for the
   * triple; we answer a decided one, or a pending one asked for with different content, with its
   * AUTH code instead, so the vendor learns it must delete and renew rather than misread an old answer.
   */
  private reuse(existing: SystemUserRequestRecord, input: CreateRequest): SystemUserRequestRecord {
    if (existing.status === 'Accepted') throw AuthProblems.requestAlreadyAccepted();
    if (existing.status === 'Denied') throw AuthProblems.requestDenied();
    if (existing.status === 'Rejected') throw AuthProblems.requestRejected();
    const sameContent =
      sameSet(existing.rights.map(rightKey), input.rights.map(rightKey)) &&
      sameSet(
        existing.accessPackages,
        input.accessPackages.map((p) => p.urn),
      ) &&
      (existing.redirectUrl ?? undefined) === input.redirectUrl;
    if (!sameContent) throw AuthProblems.requestPending();
    return existing;
  }

  /** Rights and packages must be a subset of the system's; a redirect must be one the system allows. */
  private assertWithinSystem(system: RegisteredSystem, input: CreateRequest): void {
    const registeredRights = new Set(system.rights.map(rightKey));
    if (input.rights.some((right) => !registeredRights.has(rightKey(right))))
      throw AuthProblems.rightsNotDelegable('A requested right is not registered on the system.');
    const registeredPackages = new Set(system.accessPackages);
    if (input.accessPackages.some((p) => !registeredPackages.has(p.urn)))
      throw AuthProblems.rightsNotDelegable('A requested access package is not registered on the system.');
    if (input.redirectUrl === undefined) return;
    if (system.allowedRedirectUrls.length === 0) throw AuthProblems.noRedirectUrisOnSystem();
    if (!system.allowedRedirectUrls.some((allowed) => sameRedirectTarget(allowed, input.redirectUrl!)))
      throw AuthProblems.redirectUriNotValid();
  }
}

function sameSet(a: string[], b: string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((item) => left.has(item));
}

/** Same origin and path as an allowed URL (a trailing slash and a query string do not matter). */
function sameRedirectTarget(allowed: string, requested: string): boolean {
  try {
    const a = new URL(allowed);
    const r = new URL(requested);
    const path = (u: URL) => u.pathname.replace(/\/+$/, '');
    return a.origin === r.origin && path(a) === path(r);
  } catch {
    return false;
  }
}
