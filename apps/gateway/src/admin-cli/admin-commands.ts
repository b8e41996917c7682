import { ApierError } from '@apier/contracts';
import type { AccountRepository } from '../api-keys/account.repository';
import { toAccountView, toApiKeyView } from '../api-keys/api-key-views';
import type { ApiKeyService } from '../api-keys/api-key.service';
import type { ApproversAdmin } from '../approvals/approvers-admin';
import { type AdminCommand, USAGE } from './admin-command';

export interface AdminServices {
  accounts: AccountRepository;
  apiKeys: ApiKeyService;
  approvers: ApproversAdmin;
  /** The password `approvers create --password-stdin` reads (first line of stdin). */
  readPassword: () => Promise<string>;
  /** False when the gateway would fall back to the public test-only pepper. */
  pepperConfigured: boolean;
  clock?: () => Date;
}

const SHOWN_ONCE =
  'Store this API key now: Apier keeps only its hash and cannot show it again. Revoke it with "apier keys revoke <key_id>".';

const PASSWORD_SHOWN_ONCE =
  'Give this password to the approver now: Apier keeps only its scrypt hash and cannot show it again.';

/** Runs one parsed command; the answer is one JSON-ready object. */
export async function executeAdminCommand(
  command: AdminCommand,
  services: AdminServices,
): Promise<Record<string, unknown>> {
  const { accounts, apiKeys } = services;
  switch (command.kind) {
    case 'help':
      return { usage: USAGE };
    case 'accounts.create':
      return { account: toAccountView(await accounts.create(command.name)) };
    case 'accounts.list':
      return { accounts: (await accounts.list()).map(toAccountView) };
    case 'accounts.disable': {
      const account = await accounts.disable(command.accountId, (services.clock ?? (() => new Date()))());
      if (!account) throw new ApierError('not_found', `No account has the id ${command.accountId}`);
      return { account: toAccountView(account) };
    }
    case 'keys.issue': {
      if (command.mode === 'live' && !services.pepperConfigured) {
        throw new ApierError(
          'validation_failed',
          'Live keys need API_KEY_PEPPER set to the live gateway’s pepper; the test-only default would make them useless',
        );
      }
      const issued = await apiKeys.issue(command);
      return { api_key: issued.apiKey, key: toApiKeyView(issued.key), notice: SHOWN_ONCE };
    }
    case 'keys.list':
      return { keys: (await apiKeys.list(command.accountId)).map(toApiKeyView) };
    case 'keys.revoke':
      return { key: toApiKeyView(await apiKeys.revoke(command.keyId)) };
    case 'approvers.create': {
      const created = await services.approvers.create({
        accountId: command.accountId,
        email: command.email,
        name: command.name,
        ...(command.passwordFromStdin ? { password: await services.readPassword() } : {}),
      });
      return created.generated
        ? { approver: created.approver, password: created.password, notice: PASSWORD_SHOWN_ONCE }
        : { approver: created.approver };
    }
    case 'approvers.list':
      return { approvers: await services.approvers.list(command.accountId) };
    case 'approvers.disable':
      return { approver: await services.approvers.disable(command.approverId) };
  }
}
