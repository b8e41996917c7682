import { ApierError } from '@apier/contracts';
import type { MvaViolation } from '@apier/mva';
import { done, type Step } from './step-context';

/** What an action's history keeps of a violation: the rule, where, and the official text. */
const summary = (v: MvaViolation) => ({ rule: v.ruleId, path: v.path, message: v.message });

/**
 * Skatteetaten's validation of the melding. It changes nothing, so a resumed run just asks again.
 * UGYLDIG ends the action as failed with the violations; nothing is submitted. Deviations
 * (AVVIKENDE) are recorded and the return goes on, as Skatteetaten accepts it.
 */
export const validateStep: Step = async (ctx) => {
  const result = await ctx.validation.validate(await ctx.token.bearer(), ctx.action.payload);
  ctx.checkpoint('validate:unpersisted');
  const rejected = result.violations.filter((v) => v.severity === 'rejected');
  if (result.status === 'UGYLDIG_SKATTEMELDING') {
    const violations = (rejected.length ? rejected : result.violations).map(summary);
    return {
      kind: 'stop',
      status: 'failed',
      error: new ApierError('mva_melding_rejected', 'Skatteetaten’s validation rejected the mva-melding', {
        details: { validation_status: result.status, violations },
      }),
      detail: { validation_status: result.status, violations },
    };
  }
  const deviations = result.violations.filter((v) => v.severity === 'deviation').map(summary);
  return done(
    {
      validate: {
        status: result.status,
        deviations: deviations.length,
        validated_at: ctx.now().toISOString(),
      },
    },
    { validation_status: result.status, deviations },
  );
};
