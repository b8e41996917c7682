import type { AppLogger } from '@apier/platform';
import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { sendProblem } from './problem-reply';

@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(
    private readonly typeBaseUrl: string,
    private readonly logger: AppLogger,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    sendProblem(host.switchToHttp().getResponse<FastifyReply>(), exception, this.typeBaseUrl, this.logger);
  }
}
