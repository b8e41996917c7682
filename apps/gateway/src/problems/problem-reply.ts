import type { AppLogger } from '@apier/platform';
import type { FastifyReply } from 'fastify';
import { bearerChallenge } from '../api-keys/www-authenticate';
import { PROBLEM_CONTENT_TYPE, problemFor, toApierError } from './problem';

/** The one way an error leaves the gateway: logged once, answered as problem+json. */
export function sendProblem(
  reply: FastifyReply,
  error: unknown,
  typeBaseUrl: string,
  logger: AppLogger,
): void {
  const apierError = toApierError(error);
  const problem = problemFor(apierError, typeBaseUrl);
  if (problem.status >= 500) {
    logger.error({ err: error, code: apierError.code, status: problem.status }, 'request failed');
  } else {
    logger.info({ code: apierError.code, status: problem.status }, 'request refused');
  }
  const seconds = apierError.details?.['retry_after_seconds'];
  if (typeof seconds === 'number') reply.header('retry-after', String(seconds));
  else if (problem.status === 503 || problem.status === 429) reply.header('retry-after', '1');
  if (problem.status === 405) reply.header('allow', 'GET, POST');
  const challenge = bearerChallenge(apierError);
  if (challenge) reply.header('www-authenticate', challenge);
  void reply
    .status(problem.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problem));
}
