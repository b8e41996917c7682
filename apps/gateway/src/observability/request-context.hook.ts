import { HEADERS } from '@apier/contracts';
import { type AppLogger, continueTrace, runWithTrace, type TraceContext } from '@apier/platform';
import type { FastifyInstance } from 'fastify';
import type { HttpMetrics } from './http-metrics';

/** The context opened for a request; Fastify runs later hooks outside its async scope. */
const contexts = new WeakMap<object, TraceContext>();

const headerValue = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Opens a trace context for every request (continuing the client's `traceparent` when valid),
 * echoes the ids back for support, and writes one access-log line and the metrics at the end.
 */
export function registerRequestContext(
  fastify: FastifyInstance,
  logger: AppLogger,
  metrics: HttpMetrics,
): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const ctx = continueTrace(
      headerValue(request.headers[HEADERS.traceparent]),
      headerValue(request.headers[HEADERS.requestId]),
    );
    void reply.header('x-request-id', ctx.requestId);
    void reply.header('traceresponse', `00-${ctx.traceId}-${ctx.spanId}-01`);
    contexts.set(request, ctx);
    runWithTrace(ctx, done);
  });

  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.observe(request.method, route, reply.statusCode, seconds);
    const line = {
      method: request.method,
      route,
      path: request.url.split('?')[0],
      status: reply.statusCode,
      duration_ms: Math.round(reply.elapsedTime),
    };
    const ctx = contexts.get(request);
    if (ctx) runWithTrace(ctx, () => logger.info(line, 'request completed'));
    else logger.info(line, 'request completed');
    done();
  });
}
