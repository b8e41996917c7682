/** The gateway's own origin (scheme, host, port) that approver forms may be posted from. */
export const APPROVER_PUBLIC_ORIGIN = Symbol('APPROVER_PUBLIC_ORIGIN');
export const APPROVER_LOGIN_LIMITER = Symbol('APPROVER_LOGIN_LIMITER');
export const PROBLEM_TYPE_BASE_URL = Symbol('PROBLEM_TYPE_BASE_URL');
