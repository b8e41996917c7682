import {
  type ApprovalRequestList,
  ApproveRequestSchema,
  GetApprovalRequestSchema,
  ListApprovalRequestsSchema,
  SUBJECTS,
} from '@apier/contracts';
import { parsePayload } from '@apier/platform';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ApprovalRequestStore } from './approval-request.store';
import { ApprovalTokenStore } from './approval-token.store';

/**
 * NATS edge of approvals. Only the gateway's approver session routes call `approve`, with the
 * approver of a signed-in session; every request is scoped to the account it names.
 */
@Controller()
export class ApprovalsHandler {
  constructor(
    private readonly requests: ApprovalRequestStore,
    private readonly tokens: ApprovalTokenStore,
  ) {}

  @MessagePattern(SUBJECTS.filing.approval.get)
  get(@Payload() payload: unknown) {
    const request = parsePayload(GetApprovalRequestSchema, payload);
    return this.requests.get(request.account_id, request.approval_request_id);
  }

  @MessagePattern(SUBJECTS.filing.approval.list)
  async list(@Payload() payload: unknown): Promise<ApprovalRequestList> {
    const request = parsePayload(ListApprovalRequestsSchema, payload);
    return { approval_requests: await this.requests.list(request.account_id, request.status) };
  }

  @MessagePattern(SUBJECTS.filing.approval.approve)
  approve(@Payload() payload: unknown) {
    const request = parsePayload(ApproveRequestSchema, payload);
    return this.tokens.mint({
      accountId: request.account_id,
      approverId: request.approver_id,
      approvalRequestId: request.approval_request_id,
    });
  }
}
