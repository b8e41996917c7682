import {
  type ApprovalRequestList,
  ApprovalRequestListSchema,
  type ApprovalRequestView,
  ApprovalRequestViewSchema,
  type MintedApprovalToken,
  MintedApprovalTokenSchema,
  SUBJECTS,
} from '@apier/contracts';
import type { RpcClient } from '@apier/platform';
import type { ApproverIdentity } from './approver-identity';

/** The filing service's approval requests, always scoped to the signed-in approver's account. */
export class ApprovalRequestsClient {
  constructor(private readonly rpc: RpcClient) {}

  pending(approver: ApproverIdentity): Promise<ApprovalRequestList> {
    return this.rpc.request(
      SUBJECTS.filing.approval.list,
      { account_id: approver.accountId, status: 'pending' },
      ApprovalRequestListSchema,
      { accountId: approver.accountId },
    );
  }

  get(approver: ApproverIdentity, id: string): Promise<ApprovalRequestView> {
    return this.rpc.request(
      SUBJECTS.filing.approval.get,
      { account_id: approver.accountId, approval_request_id: id },
      ApprovalRequestViewSchema,
      { accountId: approver.accountId },
    );
  }

  /** Mints the single-use token; only ever called for a signed-in approver. */
  approve(approver: ApproverIdentity, id: string): Promise<MintedApprovalToken> {
    return this.rpc.request(
      SUBJECTS.filing.approval.approve,
      { account_id: approver.accountId, approver_id: approver.approverId, approval_request_id: id },
      MintedApprovalTokenSchema,
      { accountId: approver.accountId },
    );
  }
}
