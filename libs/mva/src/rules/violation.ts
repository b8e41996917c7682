import { mvaData } from '../mva-data';
import type { MvaViolation } from '../mva-types';

/** Builds a violation with the catalogue's severity and official message for the rule. */
export function violation(
  ruleId: string,
  path: string,
  extra: { line?: number; mvaKode?: string; details?: string } = {},
): MvaViolation {
  const rule = mvaData().rules.get(ruleId);
  if (!rule) throw new Error(`rule ${ruleId} is not in regelkatalog.json`);
  const rejected = rule.severity === 'UGYLDIG_SKATTEMELDING';
  return {
    ruleId,
    severity: rejected ? 'rejected' : 'deviation',
    avvikstype: rejected ? 'ugyldig skattemelding' : 'avvikende skattemelding',
    path,
    message: rule.message,
    ...(extra.line !== undefined ? { line: extra.line } : {}),
    ...(extra.mvaKode !== undefined ? { mvaKode: extra.mvaKode } : {}),
    ...(extra.details !== undefined ? { details: extra.details } : {}),
  };
}
