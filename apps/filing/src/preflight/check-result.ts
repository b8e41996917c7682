import type { PreflightCheck, PreflightCheckId } from '@apier/contracts';

type Verdict = (
  check: PreflightCheckId,
  code: string,
  message: string,
  details?: Record<string, unknown>,
) => PreflightCheck;

const verdict =
  (status: PreflightCheck['status']): Verdict =>
  (check, code, message, details = {}) => ({ check, status, code, message, details });

export const pass = verdict('pass');
export const warn = verdict('warn');
export const fail = verdict('fail');
