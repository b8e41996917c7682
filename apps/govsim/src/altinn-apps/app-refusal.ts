import { randomBytes } from 'node:crypto';
import { STATUS_CODES } from 'node:http';

/** ASP.NET Core's default `type` for a status, as Altinn apps put it in their ProblemDetails. */
const PROBLEM_TYPES: Record<number, string> = {
  400: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
  403: 'https://tools.ietf.org/html/rfc7231#section-6.5.3',
  404: 'https://tools.ietf.org/html/rfc7231#section-6.5.4',
  409: 'https://tools.ietf.org/html/rfc7231#section-6.5.8',
  415: 'https://tools.ietf.org/html/rfc7231#section-6.5.13',
};

export type RefusalBody =
  | { kind: 'empty' }
  /** ASP.NET's `Conflict("…")`/`BadRequest("…")`: the string as text/plain. */
  | { kind: 'text'; text: string }
  | { kind: 'problem'; detail?: string };

/**
 * Every way the app says no, in the shape the real app uses for it: a bare 401 for a bad token,
 * ProblemDetails for authorisation and lookups, plain strings for the app's own validation.
 */
export class AppRefusal extends Error {
  constructor(
    readonly status: number,
    readonly body: RefusalBody,
  ) {
    super(body.kind === 'text' ? body.text : (STATUS_CODES[status] ?? 'Error'));
  }

  static unauthorized(): AppRefusal {
    return new AppRefusal(401, { kind: 'empty' });
  }

  /** No rights for the party, or a token without the scope the action needs. */
  static forbidden(): AppRefusal {
    return new AppRefusal(403, { kind: 'problem' });
  }

  static notFound(detail: string): AppRefusal {
    return new AppRefusal(404, { kind: 'problem', detail });
  }

  /** Verbatim from Skatteetaten's API documentation (the trailing "- " included). */
  static partyNotFound(orgnr: string): AppRefusal {
    return new AppRefusal(404, {
      kind: 'text',
      text: `Cannot lookup party: Failed to lookup party by organisationNumber: ${orgnr}. The exception was: 404 - Not Found - `,
    });
  }

  static badRequest(text: string): AppRefusal {
    return new AppRefusal(400, { kind: 'text', text });
  }

  static conflict(text: string): AppRefusal {
    return new AppRefusal(409, { kind: 'text', text });
  }

  problemBody(): Record<string, unknown> {
    return {
      type: PROBLEM_TYPES[this.status] ?? 'about:blank',
      title: STATUS_CODES[this.status] ?? 'Error',
      status: this.status,
      ...(this.body.kind === 'problem' && this.body.detail ? { detail: this.body.detail } : {}),
      traceId: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`,
    };
  }
}
