import { utcDate } from '@apier/access-catalogue';
import { ApierError } from '@apier/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';

export const STATIC_ANSWER_MAX_AGE_SECONDS = 3600;

/** What an answer is a pure function of, so equal inputs give equal ETags across restarts and replicas. */
export interface StaticAnswerIdentity {
  catalogueVersion: string;
  /** The route and its validated input. */
  request: unknown;
  /** Set when the body counts days: it then changes at the next UTC midnight. */
  asOf?: Date;
}

/**
 * Sends a body that only changes with the catalogue (and, for day counts, the UTC date): with a weak
 * ETag, a Cache-Control lifetime that never outlives the day it was computed for, and the conditional
 * request answered without a body when the client already has it.
 */
export function sendStaticAnswer(
  request: FastifyRequest,
  reply: FastifyReply,
  body: unknown,
  identity: StaticAnswerIdentity,
): void {
  const etag = staticAnswerEtag(identity);
  const clientHasIt = ifNoneMatchHits(request.headers['if-none-match'], etag);
  // RFC 9110 §13.1.2: only GET and HEAD answer a matching If-None-Match with 304; other methods get 412.
  const safeMethod = request.method === 'GET' || request.method === 'HEAD';
  if (clientHasIt && !safeMethod) {
    throw new ApierError('precondition_failed', 'If-None-Match names the current representation.', {
      details: { etag },
    });
  }
  void reply.header('etag', etag).header('cache-control', `public, max-age=${maxAgeSeconds(identity.asOf)}`);
  if (clientHasIt) {
    void reply.status(304).send();
    return;
  }
  void reply.status(200).send(body);
}

export function staticAnswerEtag(identity: StaticAnswerIdentity): string {
  const hash = createHash('sha256')
    .update(identity.catalogueVersion)
    .update('\n')
    .update(JSON.stringify(identity.request))
    .update('\n')
    .update(identity.asOf ? utcDate(identity.asOf) : '')
    .digest('base64url');
  return `W/"${hash.slice(0, 27)}"`;
}

/** A day-dependent answer may be cached until the next UTC midnight at the latest. */
export function maxAgeSeconds(asOf: Date | undefined): number {
  if (!asOf) return STATIC_ANSWER_MAX_AGE_SECONDS;
  const nextMidnight = Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), asOf.getUTCDate() + 1);
  const untilMidnight = Math.floor((nextMidnight - asOf.getTime()) / 1000);
  return Math.max(0, Math.min(STATIC_ANSWER_MAX_AGE_SECONDS, untilMidnight));
}

/** Weak comparison (RFC 9110 §8.8.3.2), as If-None-Match requires; `*` matches any current answer. */
function ifNoneMatchHits(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const candidates = (Array.isArray(header) ? header.join(',') : header).split(',');
  return candidates.some((candidate) => candidate.trim() === '*' || opaque(candidate) === opaque(etag));
}
