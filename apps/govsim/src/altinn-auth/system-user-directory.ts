import type { AltinnAuthState } from './altinn-auth-state';
import { AuthProblems, validationProblem } from './altinn-problem';
import { paginate } from './paginated-list';
import type { SystemRegister } from './system-register';
import { systemUserView } from './system-user-views';

export type SystemUserView = ReturnType<typeof systemUserView>;

/** Lookups of existing System Users: the vendor's reconciliation views and Maskinporten's own check. */
export class SystemUserDirectory {
  constructor(
    private readonly state: AltinnAuthState,
    private readonly register: SystemRegister,
    private readonly publicBaseUrl: string,
  ) {}

  /** Every non-deleted System User of the vendor's system; a revoked one simply stops appearing. */
  bySystem(vendorOrgnr: string, systemId: string, token: string | undefined) {
    const system = this.register.ownedSystem(vendorOrgnr, systemId);
    const users = [...this.state.systemUsers.values()].filter(
      (u) => !u.isDeleted && u.systemId === system.id,
    );
    return paginate(
      users,
      token,
      this.state.pageSize,
      (user) => systemUserView(this.state, user),
      (next) =>
        `${this.publicBaseUrl}/authentication/api/v1/systemuser/vendor/bysystem/${encodeURIComponent(system.id)}?token=${next}`,
    );
  }

  /** One System User by (system, customer, externalRef); 404 when none, deleted, or not the vendor's. */
  byQuery(vendorOrgnr: string, query: Record<string, string | undefined>): SystemUserView {
    const systemId = query['system-id'];
    const orgno = query['orgno'];
    if (!systemId || !orgno)
      throw validationProblem([
        {
          code: 'STD.VLD-00000',
          title: 'The field is required.',
          paths: [...(systemId ? [] : ['/system-id']), ...(orgno ? [] : ['/orgno'])],
        },
      ]);
    const system = this.state.systems.get(systemId);
    const user =
      system && !system.isDeleted && system.vendorOrgnr === vendorOrgnr
        ? this.state.activeSystemUserFor(systemId, orgno, query['external-ref'] || orgno)
        : undefined;
    if (!user) throw AuthProblems.systemUserNotFound();
    return systemUserView(this.state, user);
  }

  /**
   * Maskinporten's lookup (the same rule the fake Maskinporten applies for MP-303). 'bad-request'
   * when a required parameter is missing, null when there is no such System User.
   */
  byExternalId(query: Record<string, string | undefined>): SystemUserView | 'bad-request' | null {
    const { clientId, systemProviderOrgNo, systemUserOwnerOrgNo } = query;
    if (!clientId || !systemProviderOrgNo || !systemUserOwnerOrgNo) return 'bad-request';
    const found = this.state.findActiveSystemUser(
      clientId,
      systemUserOwnerOrgNo,
      query['externalRef'] || systemUserOwnerOrgNo,
    );
    if (!found || found.system.vendorOrgnr !== systemProviderOrgNo) return null;
    // Altinn's own "temporary fix until Maskinporten changes their integration".
    return { ...systemUserView(this.state, found.user), productName: found.system.id };
  }
}
