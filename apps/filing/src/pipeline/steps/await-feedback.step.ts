import { ApierError } from '@apier/contracts';
import { parseValideringsresultat } from '@apier/mva';
import { FEEDBACK_DATA_TYPES } from '../altinn-app.client';
import { type Betalingsinformasjon, readBetalingsinformasjon } from '../betalingsinformasjon';
import { createdInstance, done, type Step, type StepContext } from './step-context';

/**
 * Waits for Skatteetaten's feedback on the delivered return: polls `feedback/status` every
 * FILING_FEEDBACK_POLL_MS until FILING_FEEDBACK_TIMEOUT_SECONDS after delivery (a resumed run keeps
 * the original deadline), then reads `valideringsresultat` and `betalingsinformasjon`. No feedback
 * in time dead-letters the action: it was delivered, so it is neither failed nor confirmed.
 * Feedback that rejects the return fails it.
 */
export const awaitFeedbackStep: Step = async (ctx) => {
  const created = createdInstance(ctx);
  const deliveredAt = Date.parse(ctx.action.progress.complete_process!.delivered_at);
  const deadline = deliveredAt + ctx.feedback.timeoutMs;
  while (!(await ctx.app.feedbackProvided(await ctx.token.bearer(), created.instance_id))) {
    const left = deadline - ctx.now().getTime();
    if (left <= 0) {
      return {
        kind: 'stop',
        status: 'dead_lettered',
        error: new ApierError(
          'feedback_timeout',
          'Skatteetaten gave no feedback on the delivered return in time',
          {
            details: {
              instance_id: created.instance_id,
              waited_seconds: Math.round(ctx.feedback.timeoutMs / 1000),
            },
          },
        ),
        detail: { instance_id: created.instance_id, delivered_at: new Date(deliveredAt).toISOString() },
      };
    }
    await ctx.sleep(Math.min(ctx.feedback.pollMs, left));
  }
  const { verdict, payment } = await readFeedback(ctx, created.instance_id);
  ctx.checkpoint('await_feedback:unpersisted');
  const deviations = verdict?.violations.filter((v) => v.severity === 'deviation').length ?? 0;
  if (verdict?.status === 'UGYLDIG_SKATTEMELDING') {
    const violations = verdict.violations.map((v) => ({ rule: v.ruleId, path: v.path, message: v.message }));
    return {
      kind: 'stop',
      status: 'failed',
      error: new ApierError('mva_melding_rejected', 'Skatteetaten rejected the delivered mva-melding', {
        details: { validation_status: verdict.status, violations },
      }),
      detail: { validation_status: verdict.status, violations },
    };
  }
  const reference = payment.innsendingsreferanse ?? created.instance_id;
  return done(
    {
      await_feedback: {
        feedback_at: ctx.now().toISOString(),
        validation_status: verdict?.status ?? null,
        deviations,
        innsendingsreferanse: payment.innsendingsreferanse,
        kid: payment.kid,
        beloep: payment.beloep,
        betalingsfrist: payment.betalingsfrist,
      },
    },
    {
      validation_status: verdict?.status ?? null,
      deviations,
      innsendingsreferanse: payment.innsendingsreferanse,
      kid: payment.kid,
      beloep: payment.beloep,
      betalingsfrist: payment.betalingsfrist,
    },
    { feedbackReference: reference },
  );
};

async function readFeedback(ctx: StepContext, instanceId: string) {
  const token = await ctx.token.bearer();
  const instance = await ctx.app.getInstance(token, instanceId);
  const element = (dataType: string) => instance.data.find((e) => e.dataType === dataType);
  const resultat = element(FEEDBACK_DATA_TYPES.valideringsresultat);
  const betaling = element(FEEDBACK_DATA_TYPES.betalingsinformasjon);
  const verdict = resultat
    ? parseValideringsresultat(await ctx.app.downloadData(token, instanceId, resultat.id))
    : null;
  const payment: Betalingsinformasjon = betaling
    ? readBetalingsinformasjon(await ctx.app.downloadData(token, instanceId, betaling.id))
    : { innsendingsreferanse: null, kid: null, beloep: null, betalingsfrist: null };
  return { verdict, payment };
}
