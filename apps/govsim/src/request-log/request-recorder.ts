import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { requestPath } from '../http/request-path';
import { RequestLog } from './request-log';

/** Control routes are the test talking to govsim, not a client talking to an agency. */
const UNLOGGED_PREFIX = '/govsim/control';

/**
 * Logs every answered request in a Fastify onResponse hook, injected faults included (they answer
 * in onRequest, before any route). Dropped and held connections are never answered, so never logged.
 */
@Injectable()
export class RequestRecorder implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly log: RequestLog,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    fastify?.addHook('onResponse', async (request, reply) => {
      const path = requestPath(request);
      if (path.startsWith(UNLOGGED_PREFIX)) return;
      const duration = reply.elapsedTime;
      this.log.record({
        method: request.method,
        url: request.url,
        path,
        status: reply.statusCode,
        received_at: new Date(Date.now() - duration).toISOString(),
        duration_ms: Math.round(duration),
      });
    });
  }
}
