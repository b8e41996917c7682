import type { PreflightCheck, PreflightCheckId } from '@apier/contracts';

type Details = Record<string, unknown>;

export const pass = (
  check: PreflightCheckId,
  code: string,
  message: string,
  details: Details = {},
): PreflightCheck => ({
  check,
  status: 'pass',
  code,
  message,
  details,
});

export const warn = (
  check: PreflightCheckId,
  code: string,
  message: string,
  details: Details = {},
): PreflightCheck => ({
  check,
  status: 'warn',
  code,
  message,
  details,
});

export const fail = (
  check: PreflightCheckId,
  code: string,
  message: string,
  details: Details = {},
): PreflightCheck => ({
  check,
  status: 'fail',
  code,
  message,
  details,
});
