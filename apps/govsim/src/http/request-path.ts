import type { FastifyRequest } from 'fastify';

/** The request path without its query string, as the agencies echo it in error bodies. */
export function requestPath(request: FastifyRequest): string {
  const queryStart = request.url.indexOf('?');
  return queryStart === -1 ? request.url : request.url.slice(0, queryStart);
}
