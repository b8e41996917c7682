import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AltinnProblem, BearerRejected } from './altinn-problem';

/** Puts Altinn's errors on the wire: problem+json for AUTH codes, a bare status for token and scope failures. */
@Catch(AltinnProblem, BearerRejected)
export class AltinnProblemFilter implements ExceptionFilter {
  catch(exception: AltinnProblem | BearerRejected, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof BearerRejected) {
      void reply.code(exception.status).send();
      return;
    }
    void reply
      .code(exception.status)
      .type('application/problem+json')
      .send(JSON.stringify(exception.toBody()));
  }
}
