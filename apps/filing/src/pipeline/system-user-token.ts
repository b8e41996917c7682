import {
  BINDING_ACTIONS,
  type BindingActionType,
  SUBJECTS,
  type SystemUserAltinnToken,
  SystemUserAltinnTokenSchema,
} from '@apier/contracts';
import type { RpcClient } from '@apier/platform';

/** Ask again this long before the broker's token stops being usable. */
const REFRESH_MARGIN_MS = 5_000;

/**
 * The Altinn token of one run, from the auth-broker (which re-confirms the delegation each time it
 * is asked, failing closed). Held in memory only: never persisted, never logged; a resumed run
 * asks again, and the broker answers from its cache when it can.
 */
export class SystemUserToken {
  private current: SystemUserAltinnToken | null = null;

  constructor(
    private readonly rpc: RpcClient,
    private readonly action: { accountId: string; orgnr: string; type: string },
    private readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A fresh answer from the broker: the delegation is confirmed again right now. */
  async refresh(): Promise<SystemUserAltinnToken> {
    this.current = await this.rpc.request(
      SUBJECTS.auth.systemUserAltinnToken,
      {
        account_id: this.action.accountId,
        orgnr: this.action.orgnr,
        access_packages: [...BINDING_ACTIONS[this.action.type as BindingActionType].required_access_packages],
      },
      SystemUserAltinnTokenSchema,
      { timeoutMs: this.timeoutMs, accountId: this.action.accountId },
    );
    return this.current;
  }

  async bearer(): Promise<string> {
    const usable = this.current && Date.parse(this.current.expires_at) - REFRESH_MARGIN_MS > this.now();
    return (usable ? this.current! : await this.refresh()).access_token;
  }
}
