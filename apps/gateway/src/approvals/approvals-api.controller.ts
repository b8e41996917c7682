import type { ApprovalRequestList, ApprovalRequestView, MintedApprovalToken } from '@apier/contracts';
import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { validateInput } from '../problems/validate';
import { ApprovalRequestsClient } from './approval-requests.client';
import { ApprovalPathSchema } from './approvals.operations';
import type { ApproverIdentity } from './approver-identity';
import { Approver, ApproverSession } from './approver-session.guard';

/** JSON twin of the approval pages, for approver tools; session cookie + `X-CSRF-Token`, never API keys. */
@Controller('api/v1/approvals')
@ApproverSession()
export class ApprovalsApiController {
  constructor(private readonly requests: ApprovalRequestsClient) {}

  @Get()
  list(@Approver() approver: ApproverIdentity): Promise<ApprovalRequestList> {
    return this.requests.pending(approver);
  }

  @Get(':id')
  get(@Param() params: unknown, @Approver() approver: ApproverIdentity): Promise<ApprovalRequestView> {
    return this.requests.get(approver, validateInput(ApprovalPathSchema, params, 'path').id);
  }

  @Post(':id/approve')
  @HttpCode(201)
  approve(
    @Param() params: unknown,
    @Approver() approver: ApproverIdentity,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MintedApprovalToken> {
    void reply.header('cache-control', 'no-store');
    return this.requests.approve(approver, validateInput(ApprovalPathSchema, params, 'path').id);
  }
}
