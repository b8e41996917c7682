import { Controller, Get, Param, Post, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { validateInput } from '../problems/validate';
import { approvalRequestPage, approvalTokenPage, pendingListPage, type PageSession } from './approval-pages';
import { ApprovalRequestsClient } from './approval-requests.client';
import { ApprovalPathSchema } from './approvals.operations';
import type { ApproverIdentity } from './approver-identity';
import { ApproverPageFilter } from './approver-page.filter';
import { Approver, ApproverSession } from './approver-session.guard';
import { ApproverSessions } from './approver-sessions';
import { sendPage } from './html';

/** The approver's HTML pages: pending requests, one request, and the token shown once. */
@Controller('approvals')
@UseFilters(ApproverPageFilter)
@ApproverSession()
export class ApprovalPagesController {
  constructor(
    private readonly requests: ApprovalRequestsClient,
    private readonly sessions: ApproverSessions,
  ) {}

  @Get()
  async list(@Approver() approver: ApproverIdentity, @Res() reply: FastifyReply): Promise<void> {
    const { approval_requests } = await this.requests.pending(approver);
    sendPage(reply, 200, pendingListPage(approval_requests, this.pageSession(approver)));
  }

  @Get(':id')
  async show(@Param() params: unknown, @Approver() approver: ApproverIdentity, @Res() reply: FastifyReply) {
    const { id } = validateInput(ApprovalPathSchema, params, 'path');
    sendPage(
      reply,
      200,
      approvalRequestPage(await this.requests.get(approver, id), this.pageSession(approver)),
    );
  }

  @Post(':id/approve')
  async approve(
    @Param() params: unknown,
    @Approver() approver: ApproverIdentity,
    @Res() reply: FastifyReply,
  ) {
    const { id } = validateInput(ApprovalPathSchema, params, 'path');
    sendPage(
      reply,
      200,
      approvalTokenPage(await this.requests.approve(approver, id), this.pageSession(approver)),
    );
  }

  private pageSession(approver: ApproverIdentity): PageSession {
    return { name: approver.displayName, csrfToken: this.sessions.csrfTokenFor(approver) };
  }
}
