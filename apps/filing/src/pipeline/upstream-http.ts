import { ApierError } from '@apier/contracts';

export type UpstreamName = 'altinn' | 'skatteetaten';

export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  /** Bearer token; sent, never logged, never put in an error. */
  token: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface UpstreamResponse {
  status: number;
  contentType: string;
  text: string;
}

/** How much of an upstream's refusal text an action's error keeps. */
const MAX_MESSAGE_CHARS = 2_000;

/**
 * HTTP to an agency with the pipeline's error model: no answer (timeout, refused or dropped
 * connection), 408, 429 and 5xx are retryable `upstream_unavailable` (with Retry-After); any other
 * refusal is final — `altinn_rejected` / `skatteetaten_rejected` with the agency's status and
 * message. Details never carry `status` (they are spread into problem documents).
 */
export class UpstreamHttp {
  constructor(
    private readonly upstream: UpstreamName,
    private readonly timeoutMs: number,
  ) {}

  async send(request: UpstreamRequest): Promise<UpstreamResponse> {
    const operation = `${request.method} ${new URL(request.url).pathname}`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: { authorization: `Bearer ${request.token}`, ...request.headers },
        ...(request.body !== undefined ? { body: request.body } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      // Duck-typed: the DOMException may come from another realm (e.g. under a test runner).
      const name = (error as { name?: unknown } | null)?.name;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      throw new ApierError(
        'upstream_unavailable',
        `${this.label} ${timedOut ? 'did not answer in time' : 'could not be reached'} (${operation})`,
        {
          details: { upstream: this.upstream, operation, reason: timedOut ? 'timeout' : 'unreachable' },
          cause: error,
        },
      );
    }
    const contentType = response.headers.get('content-type') ?? '';
    if (response.ok) return { status: response.status, contentType, text };
    const details = {
      upstream: this.upstream,
      operation,
      upstream_status: response.status,
      upstream_message: refusalMessage(text, contentType),
    };
    if (response.status >= 500 || response.status === 408 || response.status === 429) {
      throw new ApierError(
        'upstream_unavailable',
        `${this.label} answered ${response.status} (${operation})`,
        {
          details: { ...details, retry_after: response.headers.get('retry-after') },
        },
      );
    }
    throw new ApierError(
      this.upstream === 'altinn' ? 'altinn_rejected' : 'skatteetaten_rejected',
      `${this.label} refused ${operation} (${response.status})${details.upstream_message ? `: ${details.upstream_message}` : ''}`,
      { details },
    );
  }

  private get label(): string {
    return this.upstream === 'altinn' ? 'Altinn' : 'Skatteetaten';
  }
}

/** ProblemDetails' detail or title, or the plain text ASP.NET answers with, cut to size. */
function refusalMessage(text: string, contentType: string): string | null {
  if (!text.trim()) return null;
  if (/json/i.test(contentType)) {
    try {
      const body = JSON.parse(text) as Record<string, unknown>;
      const message = body['detail'] ?? body['title'];
      if (typeof message === 'string') return message.slice(0, MAX_MESSAGE_CHARS);
    } catch {
      // not JSON after all: keep the text
    }
  }
  return text.trim().slice(0, MAX_MESSAGE_CHARS);
}
