/**
 * Every error that crosses a process boundary carries one of these codes. The gateway maps each
 * to an HTTP status and a problem type slug (RFC 9457); slugs are a public contract: add, never rename.
 */
export const ERROR_CODES = {
  validation_failed: { status: 400, title: 'The request is not valid', retryable: false },
  invalid_orgnr: { status: 400, title: 'Invalid organisation number', retryable: false },
  unauthenticated: { status: 401, title: 'An API key is required', retryable: false },
  api_key_malformed: { status: 401, title: 'The API key is malformed', retryable: false },
  api_key_invalid: { status: 401, title: 'The API key is not valid', retryable: false },
  api_key_wrong_environment: {
    status: 401,
    title: 'The API key belongs to another environment',
    retryable: false,
  },
  forbidden_scope: { status: 403, title: 'The API key lacks the required scope', retryable: false },
  not_found: { status: 404, title: 'Resource not found', retryable: false },
  company_not_found: { status: 404, title: 'Company not found', retryable: false },
  company_removed: { status: 410, title: 'Company removed from the open register', retryable: false },
  not_a_sandbox_company: { status: 404, title: 'Not a sandbox company', retryable: false },
  unknown_role: { status: 404, title: 'Unknown Altinn 2 role', retryable: false },
  unknown_access_package: { status: 404, title: 'Unknown access package', retryable: false },
  unknown_er_role: { status: 404, title: 'Unknown Enhetsregisteret role', retryable: false },
  unknown_area: { status: 400, title: 'Unknown access package area', retryable: false },
  unknown_area_group: { status: 400, title: 'Unknown access package area group', retryable: false },
  precondition_failed: { status: 412, title: 'Precondition failed', retryable: false },
  method_not_allowed: { status: 405, title: 'Method not allowed', retryable: false },
  payload_too_large: { status: 413, title: 'Request body too large', retryable: false },
  unsupported_media_type: { status: 415, title: 'Unsupported media type', retryable: false },
  rate_limited: { status: 429, title: 'Too many requests', retryable: true },
  upstream_unavailable: { status: 503, title: 'An upstream registry is unavailable', retryable: true },
  upstream_bad_response: {
    status: 502,
    title: 'An upstream registry answered with something unusable',
    retryable: true,
  },
  service_unavailable: { status: 503, title: 'A backing service is unavailable', retryable: true },
  timeout: { status: 504, title: 'The request ran past its deadline', retryable: true },
  delegation_inactive: {
    status: 403,
    title: 'No active System User delegation for this organisation',
    retryable: false,
  },
  maskinporten_rejected: { status: 502, title: 'Maskinporten refused Apier’s grant', retryable: false },
  altinn_rejected: { status: 502, title: 'Altinn refused Apier’s request', retryable: false },
  delegation_not_found: {
    status: 404,
    title: 'No delegation for this account and organisation',
    retryable: false,
  },
  delegation_pending: {
    status: 409,
    title: 'The delegation still awaits the organisation’s approval',
    retryable: false,
  },
  delegation_rejected: { status: 403, title: 'The organisation rejected the delegation', retryable: false },
  delegation_expired: {
    status: 403,
    title: 'The delegation request expired before it was approved',
    retryable: false,
  },
  delegation_revoked: { status: 403, title: 'The organisation revoked the delegation', retryable: false },
  delegation_unconfirmable: {
    status: 503,
    title: 'The delegation could not be confirmed with Altinn and Maskinporten now',
    retryable: true,
  },
  delegation_exists: {
    status: 409,
    title: 'An active delegation for this organisation already exists',
    retryable: false,
  },
  delegation_packages_missing: {
    status: 403,
    title: 'The delegation does not include the access packages this needs',
    retryable: false,
  },
  idempotency_key_missing: {
    status: 400,
    title: 'This operation requires an Idempotency-Key header',
    retryable: false,
  },
  idempotency_key_malformed: {
    status: 400,
    title: 'The Idempotency-Key header is malformed',
    retryable: false,
  },
  idempotency_key_reused: {
    status: 422,
    title: 'The Idempotency-Key was already used for a different request',
    retryable: false,
  },
  idempotency_request_in_progress: {
    status: 409,
    title: 'A request with this Idempotency-Key is still being processed',
    retryable: true,
  },
  approval_token_missing: {
    status: 400,
    title: 'This operation requires an Approval-Token header',
    retryable: false,
  },
  approval_token_invalid: { status: 403, title: 'The approval token is not valid', retryable: false },
  approval_token_used: { status: 403, title: 'The approval token has already been used', retryable: false },
  approval_token_expired: { status: 403, title: 'The approval token has expired', retryable: false },
  approval_token_payload_mismatch: {
    status: 403,
    title: 'The approval token was granted for a different payload',
    retryable: false,
  },
  approval_token_wrong_org: {
    status: 403,
    title: 'The approval token was granted for another organisation',
    retryable: false,
  },
  approval_token_wrong_account: {
    status: 403,
    title: 'The approval token belongs to another account',
    retryable: false,
  },
  approval_not_pending: { status: 409, title: 'The approval request is no longer pending', retryable: false },
  approver_unauthenticated: { status: 401, title: 'An approver must sign in', retryable: false },
  approver_sign_in_failed: {
    status: 401,
    title: 'The email address or the password is not correct',
    retryable: false,
  },
  csrf_rejected: { status: 403, title: 'The request failed the cross-site request check', retryable: false },
  preflight_failed: { status: 422, title: 'The action failed its preflight checks', retryable: false },
  action_not_found: { status: 404, title: 'Action not found', retryable: false },
  approval_request_not_found: { status: 404, title: 'Approval request not found', retryable: false },
  invalid_payload: { status: 400, title: 'The action payload is not valid', retryable: false },
  bulk_dump_invalid: {
    status: 422,
    title: 'The bulk download is not a JSON array of registry entities',
    retryable: false,
  },
  bulk_record_invalid: { status: 422, title: 'A record of the bulk download is not valid', retryable: false },
  mva_melding_rejected: {
    status: 422,
    title: 'Skatteetaten’s validation found the mva-melding invalid',
    retryable: false,
  },
  skatteetaten_rejected: { status: 502, title: 'Skatteetaten refused Apier’s request', retryable: false },
  feedback_timeout: {
    status: 504,
    title: 'Skatteetaten gave no feedback on the submission in time',
    retryable: false,
  },
  internal: { status: 500, title: 'Internal error', retryable: true },
} as const satisfies Record<string, { status: number; title: string; retryable: boolean }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];
