import { ApierError } from '@apier/contracts';
import { isIsoDate } from './calendar/iso-date';
import { termBounds } from './calendar/terms';
import { readMvaMelding } from './melding/parse-mva-melding';
import { mvaData } from './mva-data';
import type { MvaValidationContext, MvaValidationResult, MvaViolation } from './mva-types';
import { annualTurnoverRule, lineAmountRules, totalRules, wholeKronerRules } from './rules/amount-rules';
import {
  categoryRules,
  codeAndRateRules,
  codeListValueRules,
  registeredCodeRules,
} from './rules/code-list-rules';
import { basisAndRateRules, oppositeSignRules, specificationRules } from './rules/line-shape-rules';
import { pairedCodeRules } from './rules/paired-code-rules';
import { paymentRules } from './rules/payment-rules';
import { missingTermsRules, registerRules } from './rules/register-rules';
import { remarkForCodeRules } from './rules/remark-rules';
import { type Rule, ruleInput } from './rules/rule-input';
import { entityRules, lateCorrectionRules, termEndedRules } from './rules/time-and-entity-rules';
import { violation } from './rules/violation';

const RULES: Rule[] = [
  categoryRules,
  codeAndRateRules,
  codeListValueRules,
  registeredCodeRules,
  totalRules,
  wholeKronerRules,
  lineAmountRules,
  annualTurnoverRule,
  specificationRules,
  basisAndRateRules,
  oppositeSignRules,
  pairedCodeRules,
  remarkForCodeRules,
  paymentRules,
  registerRules,
  missingTermsRules,
  termEndedRules,
  lateCorrectionRules,
  entityRules,
];

/**
 * Skatteetaten's dry-run validation, locally: safe parsing and the official XSD (R001), then every rule
 * of the catalogue that the document and the given register/entity facts allow. Never throws on any
 * input string.
 * @throws ApierError validation_failed when `ctx.today` is not a YYYY-MM-DD date (a caller's bug).
 */
export function validateMvaMelding(xml: string, ctx: MvaValidationContext): MvaValidationResult {
  if (!isIsoDate(ctx.today))
    throw new ApierError('validation_failed', `The validation context's today must be a YYYY-MM-DD date`);
  const read = readMvaMelding(xml);
  if (!read.ok) return { status: 'UGYLDIG_SKATTEMELDING', violations: read.violations };
  const { melding, lineOf } = read.located;
  const data = mvaData();
  let term: { start: string; end: string };
  try {
    term = termBounds(melding.periode);
  } catch (error) {
    // Only 'uke 53' of a 52-week year gets here: the XSD allows it, the calendar does not.
    const v = violation('R001', '/mvaMeldingDto/skattegrunnlagOgBeregnetSkatt/skattleggingsperiode', {
      details: (error as Error).message,
    });
    return { status: 'UGYLDIG_SKATTEMELDING', violations: [v], melding };
  }
  const input = ruleInput(melding, ctx, data.codeLists, term, lineOf);
  const violations: MvaViolation[] = RULES.flatMap((rule) => rule(input));
  return { status: statusOf(violations), violations, melding };
}

export function statusOf(violations: MvaViolation[]): MvaValidationResult['status'] {
  if (violations.some((v) => v.severity === 'rejected')) return 'UGYLDIG_SKATTEMELDING';
  if (violations.length > 0) return 'AVVIKENDE_SKATTEMELDING';
  return 'GYLDIG_SKATTEMELDING';
}
