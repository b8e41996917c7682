import { ApierError } from '@apier/contracts';
import { remainingBudget } from '@apier/platform';
import { createHash } from 'node:crypto';
import { retryAfterMs } from './retry-after';

export interface UpstreamResponse {
  url: string;
  status: number;
  body: unknown;
  contentHash: string;
}

/**
 * One GET against a registry. Statuses the registries use to mean something (404, 410) come back
 * to the caller; transport failures, timeouts and 5xx become retryable `upstream_*` errors.
 */
export async function fetchUpstream(
  url: string,
  timeoutCapMs: number,
  headers: Record<string, string> = {},
): Promise<UpstreamResponse> {
  const timeoutMs = remainingBudget(timeoutCapMs);
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json', ...headers },
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    throw new ApierError(
      'upstream_unavailable',
      timedOut ? `Upstream did not answer within ${timeoutMs} ms` : 'Upstream could not be reached',
      {
        details: { upstream: new URL(url).host },
        cause: error,
      },
    );
  }
  if (response.status >= 500 || response.status === 429) {
    const wait = retryAfterMs(response.headers.get('retry-after'));
    throw new ApierError('upstream_unavailable', `Upstream answered ${response.status}`, {
      details: {
        upstream: new URL(url).host,
        status: response.status,
        ...(wait === null ? {} : { retry_after_seconds: Math.ceil(wait / 1000) }),
      },
    });
  }
  let body: unknown = null;
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new ApierError('upstream_bad_response', 'Upstream answered with a body that is not JSON', {
        details: { upstream: new URL(url).host, status: response.status },
        cause: error,
      });
    }
  }
  return { url, status: response.status, body, contentHash: createHash('sha256').update(text).digest('hex') };
}
