import { ApierError } from '@apier/contracts';
import { remainingBudget } from '@apier/platform';
import { z } from 'zod';
import type { VendorTokenSource } from './vendor-token';

export const ALTINN_API_PATH = '/authentication/api/v1';

/** RFC 7807 problem of the Authentication APIs (reference §4.5); every field may be missing. */
const AltinnProblemSchema = z.looseObject({
  code: z.string().nullish(),
  title: z.string().nullish(),
  errors: z.array(z.looseObject({ code: z.string().nullish() })).nullish(),
});

export interface AltinnHttpOptions {
  /** The platform origin, e.g. https://platform.tt02.altinn.no (govsim in tests). */
  baseUrl: string;
  timeoutMs: number;
}

export interface AltinnResponse {
  status: number;
  body: unknown;
}

/**
 * Transport to the Altinn Authentication vendor APIs: bearer token from Maskinporten (refreshed once
 * on a 401), deadline-capped timeouts, and typed errors — unreachable, 429 and 5xx are retryable
 * `upstream_unavailable`; any other refusal is `altinn_rejected` with Altinn's AUTH code in
 * `details.altinn_code` (and validation codes in `details.altinn_errors`).
 */
export class AltinnHttp {
  private readonly origin: string;

  constructor(
    private readonly options: AltinnHttpOptions,
    private readonly tokens: VendorTokenSource,
  ) {
    this.origin = new URL(options.baseUrl).origin;
  }

  /** A path under /authentication/api/v1, or an absolute `links.next` URL on the same origin. */
  url(pathOrUrl: string): string {
    if (!/^https?:\/\//.test(pathOrUrl)) {
      return `${this.options.baseUrl.replace(/\/+$/, '')}${ALTINN_API_PATH}${pathOrUrl}`;
    }
    // Our bearer token must never be sent anywhere a list's `next` link happens to point.
    if (new URL(pathOrUrl).origin !== this.origin)
      throw new ApierError('upstream_bad_response', 'Altinn sent a link to another host', {
        details: { upstream: 'altinn' },
      });
    return pathOrUrl;
  }

  async call(method: string, pathOrUrl: string, body?: unknown): Promise<AltinnResponse> {
    const url = this.url(pathOrUrl);
    let response = await this.send(method, url, body, await this.tokens.token());
    if (response.status === 401) {
      // A token Altinn no longer accepts (e.g. expired early): one fresh token, one more try.
      await this.tokens.invalidate();
      response = await this.send(method, url, body, await this.tokens.token());
    }
    const parsed = await readBody(response);
    if (response.ok) return { status: response.status, body: parsed };
    throw refusal(method, url, response, parsed);
  }

  private async send(method: string, url: string, body: unknown, token: string): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetch(url, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(Math.max(1, remainingBudget(this.options.timeoutMs))),
      });
    } catch (error) {
      throw new ApierError('upstream_unavailable', 'Altinn could not be reached', {
        details: { upstream: 'altinn', operation: `${method} ${pathOf(url)}` },
        cause: error,
      });
    }
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function refusal(method: string, url: string, response: Response, body: unknown): ApierError {
  const problem = AltinnProblemSchema.safeParse(body);
  const code = problem.success ? (problem.data.code ?? null) : null;
  const errors = problem.success
    ? (problem.data.errors ?? []).map((e) => e.code).filter((c): c is string => typeof c === 'string')
    : [];
  // Never `status` (or any other problem member): details are spread into the gateway's problem.
  const details = {
    upstream: 'altinn',
    operation: `${method} ${pathOf(url)}`,
    altinn_status: response.status,
    altinn_code: code,
    ...(errors.length ? { altinn_errors: errors } : {}),
  };
  if (response.status >= 500 || response.status === 429) {
    return new ApierError('upstream_unavailable', `Altinn answered ${response.status}`, {
      details: { ...details, retry_after: response.headers.get('retry-after') },
    });
  }
  const title = problem.success && problem.data.title ? `: ${problem.data.title}` : '';
  return new ApierError('altinn_rejected', `Altinn refused ${method} (${code ?? response.status})${title}`, {
    details,
  });
}

/** The path without the query string (a continuation token is nobody's business in a log). */
function pathOf(url: string): string {
  return new URL(url).pathname;
}

/** The AUTH-xxxxx code of an Altinn refusal, or null for anything else. */
export function altinnCodeOf(error: unknown): string | null {
  if (!(error instanceof ApierError) || error.code !== 'altinn_rejected') return null;
  const code = error.details?.['altinn_code'];
  return typeof code === 'string' ? code : null;
}

/** The AUTH.VLD-xxxxx codes of an Altinn validation refusal. */
export function altinnValidationCodesOf(error: unknown): string[] {
  if (!(error instanceof ApierError) || error.code !== 'altinn_rejected') return [];
  const codes = error.details?.['altinn_errors'];
  return Array.isArray(codes) ? codes.filter((c): c is string => typeof c === 'string') : [];
}
