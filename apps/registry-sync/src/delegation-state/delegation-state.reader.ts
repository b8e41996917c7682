import { type Delegation, DelegationListSchema, type DelegationState, SUBJECTS } from '@apier/contracts';
import { type AppLogger, currentTrace, type RpcClient } from '@apier/platform';

const SANDBOX_DELEGATION: DelegationState = {
  state: 'active',
  system_user_id: 'sandbox-system-user',
  access_packages: ['urn:altinn:accesspackage:merverdiavgift'],
  synthetic: true,
};

/**
 * The calling account's delegation for the org, as the auth-broker knows it. The sandbox has a
 * synthetic active one; a caller without an account sees "not requested"; an auth-broker that
 * cannot answer gives "unknown", which nothing reads as active.
 */
export class DelegationStateReader {
  constructor(
    private readonly rpc: RpcClient,
    private readonly logger: AppLogger,
  ) {}

  async read(orgnr: string, sandbox: boolean): Promise<DelegationState> {
    if (sandbox) return SANDBOX_DELEGATION;
    const accountId = currentTrace()?.accountId;
    if (!accountId)
      return { state: 'not_requested', system_user_id: null, access_packages: [], synthetic: false };
    try {
      const { delegations } = await this.rpc.request(
        SUBJECTS.auth.delegation.list,
        { accountId, orgnr },
        DelegationListSchema,
        {
          timeoutMs: 2_000,
        },
      );
      return summarise(delegations);
    } catch (error) {
      this.logger.warn({ err: error, orgnr }, 'delegation state unavailable; reporting unknown');
      return { state: 'unknown', system_user_id: null, access_packages: [], synthetic: false };
    }
  }
}

/** The delegation that matters: an active one if any, else the newest (the list is newest first). */
export function summarise(delegations: Delegation[]): DelegationState {
  const chosen = delegations.find((d) => d.status === 'active') ?? delegations[0];
  if (!chosen) return { state: 'not_requested', system_user_id: null, access_packages: [], synthetic: false };
  return {
    state: chosen.status,
    system_user_id: chosen.system_user_id,
    access_packages: chosen.access_packages,
    synthetic: false,
  };
}
