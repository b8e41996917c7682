import { ApierError } from '@apier/contracts';
import { type AppInstance, processPhase } from '../altinn-app.client';
import { createdInstance, done, type Step, type StepResult } from './step-context';

/** Fill-in → confirmation → delivered: never more moves than this. */
const MAX_MOVES = 2;

/**
 * Submits: `PUT …/process/next` out of the fill-in task (the app re-validates; a 409 fails the
 * action) and again out of the confirmation task (the return is delivered), after confirming the
 * delegation once more. Each move is decided
 * on the instance as Altinn has it right now, so a run that died between or after the moves never
 * moves the process a second time: a delivered instance is simply taken as done. When the app
 * stops at a signing task, a person has to sign in Altinn; the action ends `needs_confirmation`
 * with where to do it, and is never reported as submitted.
 */
export const completeProcessStep: Step = async (ctx) => {
  const created = createdInstance(ctx);
  let instance = await ctx.app.getInstance(await ctx.token.bearer(), created.instance_id);
  for (let moves = 0; ; moves++) {
    const phase = processPhase(instance);
    if (phase === 'delivered') {
      if (moves > 0) ctx.checkpoint('complete_process:unpersisted');
      return done(
        { complete_process: { delivered_at: ctx.now().toISOString(), moves, reconciled: moves < MAX_MOVES } },
        { moves, task: instance.process?.currentTask?.elementId ?? null },
      );
    }
    if (phase === 'awaiting_person') return awaitingPerson(instance, moves);
    if (moves >= MAX_MOVES)
      throw new ApierError('upstream_bad_response', 'Altinn’s process did not reach delivery', {
        retryable: false,
        details: {
          upstream: 'altinn',
          instance_id: instance.id,
          task: instance.process?.currentTask ?? null,
        },
      });
    // Submitting cannot be undone: the delegation is confirmed again right before it, so a company
    // that revoked while the return was being filled in is refused by Apier, not only by Altinn.
    if (moves === 0) await ctx.token.refresh();
    await ctx.app.processNext(await ctx.token.bearer(), created.instance_id);
    if (moves === 0) ctx.checkpoint('complete_process:first_move');
    instance = await ctx.app.getInstance(await ctx.token.bearer(), created.instance_id);
  }
};

function awaitingPerson(instance: AppInstance, moves: number): StepResult {
  const inbox = instance.dataValues?.['altinnInboxUrl'];
  const confirmUrl = typeof inbox === 'string' && /^https?:\/\//.test(inbox) ? inbox : null;
  return {
    kind: 'stop',
    status: 'needs_confirmation',
    ...(confirmUrl ? { confirmUrl } : {}),
    detail: {
      reason: 'Altinn waits for a person to sign the return in the Altinn inbox',
      task: instance.process?.currentTask?.elementId ?? null,
      moves,
      confirm_url: confirmUrl,
    },
  };
}
