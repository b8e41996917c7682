import { ApierError } from '@apier/contracts';
import { konvoluttElementOf } from '../altinn-app.client';
import { done, type Step } from './step-context';

/**
 * Creates the Altinn instance. The one call that cannot be reconciled: Altinn does not
 * de-duplicate instances and the app offers no lookup of our own drafts, so if the worker dies (or
 * the answer is lost) after Altinn created the instance but before its id is stored, that instance
 * is an orphan. The intent is stored first, so a resumed run knows and says so in the history; it
 * then creates a new one. An orphan is an empty draft in the fill-in task: the envelope and melding
 * only ever go to the stored instance, and the process is only moved on the stored instance, so an
 * orphan is never submitted. At most one orphan per lost answer, and lost answers are bounded by
 * FILING_MAX_ATTEMPTS (plus stalled-job recoveries).
 */
export const createInstanceStep: Step = async (ctx) => {
  const intents = ctx.action.progress.create_instance_intents ?? [];
  if (intents.length > 0) {
    await ctx.note('action.orphan_instance_possible', {
      reason: 'an earlier attempt asked Altinn for an instance and its answer was not stored',
      earlier_attempts: intents,
    });
  }
  await ctx.saveProgress({
    create_instance_intents: [...intents, { at: ctx.now().toISOString(), attempt: ctx.attempt }],
  });
  const instance = await ctx.app.createInstance(await ctx.token.bearer(), ctx.action.orgnr);
  ctx.checkpoint('create_instance:unpersisted');
  const konvolutt = konvoluttElementOf(instance);
  if (!konvolutt)
    throw new ApierError('upstream_bad_response', 'Altinn created an instance without the envelope element', {
      retryable: false,
      details: { upstream: 'altinn', instance_id: instance.id },
    });
  const created = {
    instance_id: instance.id,
    party_id: instance.instanceOwner.partyId,
    konvolutt_data_id: konvolutt.id,
    created_at: ctx.now().toISOString(),
  };
  return done(
    { create_instance: created },
    {
      instance_id: created.instance_id,
      party_id: created.party_id,
      konvolutt_data_id: created.konvolutt_data_id,
    },
    { altinnInstanceId: instance.id },
  );
};
