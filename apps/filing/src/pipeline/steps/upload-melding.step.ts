import { meldingElementOf } from '../altinn-app.client';
import { createdInstance, done, type Step } from './step-context';

/**
 * Adds the melding as a new data element. POST is not idempotent, so the instance is read first:
 * a melding already there (a run that died after uploading it) is taken as this step's result.
 */
export const uploadMeldingStep: Step = async (ctx) => {
  const created = createdInstance(ctx);
  const token = await ctx.token.bearer();
  const existing = meldingElementOf(await ctx.app.getInstance(token, created.instance_id));
  const dataId = existing?.id ?? (await ctx.app.postMelding(token, created.instance_id, ctx.action.payload));
  if (!existing) ctx.checkpoint('upload_melding:unpersisted');
  return done(
    {
      upload_melding: {
        data_id: dataId,
        uploaded_at: ctx.now().toISOString(),
        reconciled: existing !== null,
      },
    },
    { data_id: dataId, reconciled: existing !== null },
  );
};
