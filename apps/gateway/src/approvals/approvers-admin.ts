import { ApierError } from '@apier/contracts';
import {
  generatePassword,
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
} from './approver-password';
import type { ApproverRecord, ApproverRepository } from './approver.repository';

export interface ApproverView {
  id: string;
  account_id: string;
  email: string;
  name: string;
  created_at: string;
  disabled_at: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What operators do with approvers (the `apier approvers …` commands); never shows a hash. */
export class ApproversAdmin {
  constructor(
    private readonly repository: ApproverRepository,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** With no password given one is generated; either way it is returned here once. */
  async create(input: {
    accountId: string;
    email: string;
    name: string;
    password?: string;
  }): Promise<{ approver: ApproverView; password: string; generated: boolean }> {
    const email = input.email.trim().toLowerCase();
    const name = input.name.trim();
    if (!EMAIL.test(email) || email.length > 254)
      throw new ApierError('validation_failed', 'The email address is not valid');
    if (name.length < 1 || name.length > 100)
      throw new ApierError('validation_failed', 'A name has 1 to 100 characters');
    const generated = input.password === undefined;
    const password = input.password ?? generatePassword();
    if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
      throw new ApierError(
        'validation_failed',
        `A password has ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`,
      );
    }
    if (!(await this.repository.accountExists(input.accountId))) {
      throw new ApierError('not_found', `No enabled account has the id ${input.accountId}`);
    }
    const approver = await this.repository
      .create({
        accountId: input.accountId,
        email,
        displayName: name,
        passwordHash: await hashPassword(password),
      })
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === 'P2002') {
          throw new ApierError(
            'validation_failed',
            `The account already has an approver with the email ${email}`,
          );
        }
        throw error;
      });
    return { approver: toApproverView(approver), password, generated };
  }

  async list(accountId: string): Promise<ApproverView[]> {
    return (await this.repository.listByAccount(accountId)).map(toApproverView);
  }

  async disable(approverId: string): Promise<ApproverView> {
    const approver =
      UUID.test(approverId) && (await this.repository.findById(approverId))
        ? await this.repository.disable(approverId, this.clock())
        : null;
    if (!approver) throw new ApierError('not_found', `No approver has the id ${approverId}`);
    return toApproverView(approver);
  }
}

export function toApproverView(approver: ApproverRecord): ApproverView {
  return {
    id: approver.id,
    account_id: approver.accountId,
    email: approver.email,
    name: approver.displayName,
    created_at: approver.createdAt.toISOString(),
    disabled_at: approver.disabledAt?.toISOString() ?? null,
  };
}
