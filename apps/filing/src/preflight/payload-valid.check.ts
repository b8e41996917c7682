import type { CompanyContext, PreflightCheck } from '@apier/contracts';
import type { MvaValidationResult } from '@apier/mva';
import { fail, pass, warn } from './check-result';

const CHECK = 'payload_valid';

/** Check 4: the official XSD and Skatteetaten's business rules, each violation with its rule id. */
export function payloadValidCheck(
  result: MvaValidationResult,
  context: CompanyContext | null,
): PreflightCheck {
  const violations = result.violations.map((v) => ({
    rule_id: v.ruleId,
    severity: v.severity,
    path: v.path,
    message: v.message,
    ...(v.line !== undefined ? { line: v.line } : {}),
    ...(v.mvaKode !== undefined ? { mva_kode: v.mvaKode } : {}),
    ...(v.details !== undefined ? { details: v.details } : {}),
  }));
  const details = {
    status: result.status,
    violations,
    register_rules_applied: context !== null,
  };
  if (result.status === 'UGYLDIG_SKATTEMELDING') {
    const rejected = violations.filter((v) => v.severity === 'rejected').length;
    return fail(
      CHECK,
      'payload_invalid',
      `Skatteetaten would reject this mva-melding (${rejected} rule violation(s))`,
      details,
    );
  }
  if (result.status === 'AVVIKENDE_SKATTEMELDING') {
    return warn(
      CHECK,
      'accepted_with_deviation',
      'Skatteetaten would accept this mva-melding but flag deviations',
      details,
    );
  }
  return pass(CHECK, 'payload_valid', 'The mva-melding passes the XSD and the business rules', details);
}
