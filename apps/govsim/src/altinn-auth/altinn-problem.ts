import { randomBytes } from 'node:crypto';
import { STATUS_CODES } from 'node:http';

/** One entry of an Altinn validation problem, e.g. `AUTH.VLD-00004` for a clientId already in use. */
export interface AltinnValidationError {
  code: string;
  title: string;
  paths: string[];
  detail?: string;
}

/**
 * An RFC 7807 problem as Altinn's ProblemDetails library writes it: `type` is
 * `urn:altinn:error:<code>`, plus `code`, `traceId` and `statusDescription`. Domain code throws it;
 * the filter on the Altinn controllers puts it on the wire.
 */
export class AltinnProblem extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    readonly detail: string | null = null,
    readonly validationErrors: AltinnValidationError[] = [],
  ) {
    super(`${code}: ${title}`);
  }

  toBody(traceId = newTraceId()) {
    return {
      type: `urn:altinn:error:${this.code}`,
      title: this.title,
      status: this.status,
      detail: this.detail,
      code: this.code,
      traceId,
      statusDescription: STATUS_CODES[this.status] ?? 'Error',
      ...(this.validationErrors.length
        ? // Altinn's library names the list `validationErrors`; our reference calls it `errors`. Both, so either reader works.
          { validationErrors: this.validationErrors, errors: this.validationErrors }
        : {}),
    };
  }
}

/** A W3C traceparent, the shape Altinn puts in `traceId`. */
function newTraceId(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}

/** Altinn's validation problem: a fixed STD code with the individual AUTH.VLD errors inside. */
export function validationProblem(errors: AltinnValidationError[]): AltinnProblem {
  return new AltinnProblem('STD-00000', 400, 'One or more validation errors occurred.', null, errors);
}

/** The AUTH-000xx problems of Altinn Authentication that the simulator can produce (status as the code declares it). */
export const AuthProblems = {
  rightsNotDelegable: (detail?: string) =>
    new AltinnProblem('AUTH-00001', 400, 'One or more Right not found or not delegable.', detail ?? null),
  systemUserAlreadyExists: () =>
    new AltinnProblem(
      'AUTH-00004',
      400,
      'Failed to create new SystemUser, existing SystemUser tied to the given System-Id.',
    ),
  requestAlreadyAccepted: () =>
    new AltinnProblem(
      'AUTH-00006',
      400,
      'The combination of External Ids refer to an already Accepted SystemUser.',
    ),
  requestPending: () =>
    new AltinnProblem(
      'AUTH-00007',
      400,
      'The combination of External Ids refer to a Pending Request, please reuse or delete.',
    ),
  requestDenied: () =>
    new AltinnProblem(
      'AUTH-00008',
      400,
      'The combination of External Ids refer to a Denied Request, please delete and renew the Request.',
    ),
  requestRejected: () =>
    new AltinnProblem(
      'AUTH-00009',
      400,
      'The combination of External Ids refer to a Rejected Request, please delete and renew the Request.',
    ),
  requestNotFound: () =>
    new AltinnProblem('AUTH-00010', 404, 'The Id does not refer to a Request in our system.'),
  systemNotFound: () => new AltinnProblem('AUTH-00011', 404, 'The Id does not refer to a Registered System.'),
  requestNotNew: () => new AltinnProblem('AUTH-00013', 409, 'The Status of the Request is not New.'),
  systemUserNotFound: () => new AltinnProblem('AUTH-00015', 404, 'The SystemUser was not found.'),
  redirectUriNotValid: () =>
    new AltinnProblem('AUTH-00021', 400, 'The RedirectUri was not found or not valid.'),
  vendorOrgNotFound: () =>
    new AltinnProblem(
      'AUTH-00023',
      401,
      "Can't resolve the Organisation Number for the Vendor from the Token.",
    ),
  noRedirectUrisOnSystem: () =>
    new AltinnProblem('AUTH-00026', 400, 'No redirect uris are set for the system'),
} as const;

/** Plain 401/403 without a body, as Altinn's authorization middleware answers a bad token or a missing scope. */
export class BearerRejected extends Error {
  constructor(readonly status: 401 | 403) {
    super(status === 401 ? 'Unauthorized' : 'Forbidden');
  }
}
