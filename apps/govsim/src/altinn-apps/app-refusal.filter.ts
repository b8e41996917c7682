import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppRefusal } from './app-refusal';

/** Puts the app's refusals on the wire; the controllers and services only throw them. */
@Catch(AppRefusal)
export class AppRefusalFilter implements ExceptionFilter {
  catch(refusal: AppRefusal, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    reply.code(refusal.status);
    switch (refusal.body.kind) {
      case 'empty':
        if (refusal.status === 401) void reply.header('www-authenticate', 'Bearer');
        void reply.send();
        return;
      case 'text':
        void reply.type('text/plain; charset=utf-8').send(refusal.body.text);
        return;
      case 'problem':
        void reply
          .type('application/problem+json; charset=utf-8')
          .send(JSON.stringify(refusal.problemBody()));
    }
  }
}
