import { ApierError } from '@apier/contracts';
import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { validateInput } from '../problems/validate';
import { signInPage } from './approval-pages';
import { APPROVER_PUBLIC_ORIGIN } from './approvals.tokens';
import { SignInBodySchema } from './approvals.operations';
import { ApproverCookie } from './approver-cookie';
import type { ApproverIdentity } from './approver-identity';
import { ApproverPageFilter } from './approver-page.filter';
import { Approver, ApproverSession } from './approver-session.guard';
import { ApproverSessions, SESSION_TTL_SECONDS } from './approver-sessions';
import { sendPage } from './html';
import { assertSameOrigin } from './same-origin';

const isForm = (request: FastifyRequest) =>
  (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

/** Sign-in and sign-out of approvers: a form for browsers, JSON for other clients. */
@Controller('approvals')
@UseFilters(ApproverPageFilter)
export class ApproverSignInController {
  constructor(
    private readonly sessions: ApproverSessions,
    private readonly cookie: ApproverCookie,
    @Inject(APPROVER_PUBLIC_ORIGIN) private readonly publicOrigin: string,
  ) {}

  @Get('login')
  page(@Res() reply: FastifyReply): void {
    sendPage(reply, 200, signInPage());
  }

  @Post('login')
  async signIn(
    @Req() request: FastifyRequest,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    assertSameOrigin(request.headers, this.publicOrigin);
    const form = isForm(request);
    const input = validateInput(SignInBodySchema, body, 'body');
    let signedIn;
    try {
      signedIn = await this.sessions.signIn({
        email: input.email,
        password: input.password,
        ...(input.account_id ? { accountId: input.account_id } : {}),
        address: request.ip,
      });
    } catch (error) {
      const refused =
        error instanceof ApierError && ['approver_sign_in_failed', 'rate_limited'].includes(error.code);
      if (!form || !refused) throw error;
      const seconds = error.details?.['retry_after_seconds'];
      if (typeof seconds === 'number') void reply.header('retry-after', String(seconds));
      return sendPage(reply, error.code === 'rate_limited' ? 429 : 401, signInPage(error.message));
    }
    void reply
      .header('set-cookie', this.cookie.set(signedIn.token, SESSION_TTL_SECONDS))
      .header('cache-control', 'no-store');
    if (form) {
      void reply.status(303).header('location', '/approvals').send();
      return;
    }
    const { identity } = signedIn;
    void reply.status(200).send({
      approver: {
        id: identity.approverId,
        account_id: identity.accountId,
        email: identity.email,
        name: identity.displayName,
      },
      csrf_token: signedIn.csrfToken,
      expires_at: identity.expiresAt.toISOString(),
    });
  }

  @Post('logout')
  @HttpCode(204)
  @ApproverSession()
  async signOut(
    @Req() request: FastifyRequest,
    @Approver() _approver: ApproverIdentity,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.sessions.signOut(this.cookie.read(request.headers.cookie));
    void reply.header('set-cookie', this.cookie.clear()).header('cache-control', 'no-store');
    if (isForm(request)) void reply.status(303).header('location', '/approvals/login').send();
    else void reply.status(204).send();
  }
}
