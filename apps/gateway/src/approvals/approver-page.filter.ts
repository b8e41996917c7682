import { ERROR_CODES } from '@apier/contracts';
import type { AppLogger } from '@apier/platform';
import { type ArgumentsHost, Catch, type ExceptionFilter, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LOGGER } from '../gateway.tokens';
import { sendProblem } from '../problems/problem-reply';
import { toApierError } from '../problems/problem';
import { errorPage } from './approval-pages';
import { PROBLEM_TYPE_BASE_URL } from './approvals.tokens';
import { sendPage } from './html';

/** A browser (it asks for HTML or posts a form) gets a page; any other client a problem document. */
export function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  const type = request.headers['content-type'] ?? '';
  return accept.includes('text/html') || type.startsWith('application/x-www-form-urlencoded');
}

/**
 * Errors of the approver pages: a browser that is not signed in is sent to the sign-in page, other
 * refusals become an HTML page with the problem's status, title and detail; API clients of the
 * same routes still get RFC 9457 problem+json.
 */
@Catch()
@Injectable()
export class ApproverPageFilter implements ExceptionFilter {
  constructor(
    @Inject(LOGGER) private readonly logger: AppLogger,
    @Inject(PROBLEM_TYPE_BASE_URL) private readonly typeBaseUrl: string,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (!wantsHtml(request)) return sendProblem(reply, exception, this.typeBaseUrl, this.logger);
    const error = toApierError(exception);
    const { status, title } = ERROR_CODES[error.code];
    if (status >= 500) this.logger.error({ err: exception, code: error.code, status }, 'request failed');
    else this.logger.info({ code: error.code, status }, 'request refused');
    if (error.code === 'approver_unauthenticated' && request.method === 'GET') {
      void reply
        .status(303)
        .header('location', '/approvals/login')
        .header('cache-control', 'no-store')
        .send();
      return;
    }
    const seconds = error.details?.['retry_after_seconds'];
    if (typeof seconds === 'number') void reply.header('retry-after', String(seconds));
    sendPage(reply, status, errorPage(title, error.message, error.code === 'approver_unauthenticated'));
  }
}
