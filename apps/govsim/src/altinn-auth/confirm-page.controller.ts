import { timingSafeEqual } from 'node:crypto';
import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { GovsimWorld } from '../fixtures/govsim-world';
import { AltinnAuthState, type SystemUserRequestRecord } from './altinn-auth-state';
import { AltinnProblem } from './altinn-problem';
import { confirmPage, decisionDonePage, FORM_TOKEN_FIELD, messagePage } from './confirm-page-html';
import { SystemUserRequests } from './system-user-requests';

type Decision = 'approve' | 'reject';

/**
 * The customer's side of the handshake, standing in for Altinn's access-management UI: a page
 * showing the request and two forms. The forms carry the request's secret form token, so a page on
 * another site cannot approve on the customer's behalf.
 */
@Controller('accessmanagement/ui/systemuser/request')
export class ConfirmPageController {
  constructor(
    private readonly requests: SystemUserRequests,
    private readonly state: AltinnAuthState,
    private readonly world: GovsimWorld,
  ) {}

  @Get()
  show(@Query('id') id: string | undefined, @Res() reply: FastifyReply): void {
    const request = id ? this.requests.forCustomer(id) : undefined;
    if (!request) return sendHtml(reply, 404, notFound());
    sendHtml(
      reply,
      200,
      confirmPage({
        request,
        status: this.state.reportedStatus(request),
        system: this.state.systems.get(request.systemId),
        organisationName: this.world.company(request.partyOrgNo)?.enhet.navn,
      }),
    );
  }

  @Post('approve')
  approve(@Query('id') id: string | undefined, @Body() body: unknown, @Res() reply: FastifyReply): void {
    this.decide('approve', id, body, reply);
  }

  @Post('reject')
  reject(@Query('id') id: string | undefined, @Body() body: unknown, @Res() reply: FastifyReply): void {
    this.decide('reject', id, body, reply);
  }

  private decide(decision: Decision, id: string | undefined, body: unknown, reply: FastifyReply): void {
    const request = id ? this.requests.forCustomer(id) : undefined;
    if (!request) return sendHtml(reply, 404, notFound());
    if (!formTokenMatches(request, body))
      return sendHtml(
        reply,
        403,
        messagePage('Ugyldig skjema', 'Skjemaet kom ikke fra godkjenningssiden. Åpne lenken på nytt.'),
      );
    try {
      if (decision === 'approve') this.requests.approve(request.id);
      else this.requests.decline(request.id, 'Rejected');
    } catch (error) {
      if (!(error instanceof AltinnProblem)) throw error;
      return sendHtml(reply, error.status, messagePage('Kan ikke behandles', error.title));
    }
    const status = this.state.reportedStatus(request);
    if (request.redirectUrl) {
      const target = new URL(request.redirectUrl);
      target.searchParams.set('id', request.id);
      target.searchParams.set('status', status);
      void reply.code(303).header('location', target.toString()).header('cache-control', 'no-store').send();
      return;
    }
    sendHtml(reply, 200, decisionDonePage(request, status));
  }
}

function formTokenMatches(request: SystemUserRequestRecord, body: unknown): boolean {
  const sent = (body as Record<string, unknown> | undefined)?.[FORM_TOKEN_FIELD];
  if (typeof sent !== 'string') return false;
  const expected = Buffer.from(request.confirmFormToken);
  const actual = Buffer.from(sent);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function notFound(): string {
  return messagePage('Fant ikke forespørselen', 'Forespørselen finnes ikke, eller den er slettet.');
}

/** The page may not be framed (clickjacking an approve button) nor load anything but itself. */
function sendHtml(reply: FastifyReply, status: number, html: string): void {
  void reply
    .code(status)
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    )
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(html);
}
