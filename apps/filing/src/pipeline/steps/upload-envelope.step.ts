import { ApierError } from '@apier/contracts';
import { buildKonvolutt, parseMvaMelding } from '@apier/mva';
import { MELDING_FILENAME } from '../altinn-app.client';
import { createdInstance, done, type Step } from './step-context';

/** Shown in Altinn as who created the submission. */
export const SUBMITTED_BY = 'Apier';

/**
 * Fills the envelope element Altinn pre-created, namespaced and in XSD order (libs/mva). PUT
 * replaces the element's content, so a resumed run simply sends the same envelope again; the
 * process only leaves the fill-in task in a later step, after this one is stored.
 */
export const uploadEnvelopeStep: Step = async (ctx) => {
  const created = createdInstance(ctx);
  const parsed = parseMvaMelding(ctx.action.payload);
  if (!parsed.ok)
    throw new ApierError('invalid_payload', 'The stored mva-melding no longer parses', {
      details: { violations: parsed.violations.map((v) => ({ rule: v.ruleId, path: v.path })) },
    });
  const xml = buildKonvolutt({
    orgnr: ctx.action.orgnr,
    periode: parsed.melding.periode,
    meldingskategori: parsed.melding.meldingskategori,
    opprettetAv: SUBMITTED_BY,
    meldingFilnavn: MELDING_FILENAME,
  });
  await ctx.app.putKonvolutt(await ctx.token.bearer(), created.instance_id, created.konvolutt_data_id, xml);
  ctx.checkpoint('upload_envelope:unpersisted');
  const bytes = Buffer.byteLength(xml, 'utf8');
  return done(
    { upload_envelope: { uploaded_at: ctx.now().toISOString(), bytes, skipped: false } },
    { data_id: created.konvolutt_data_id, bytes },
  );
};
