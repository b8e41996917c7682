import { parseKonvolutt, parseMvaMelding, renderValideringsresultat } from '@apier/mva';
import type { SimulatedMvaValidator } from '../mva-validation/simulated-mva-validator';
import {
  type AppInstance,
  KONVOLUTT_DATA_TYPE,
  MELDING_DATA_TYPE,
  type ReviewedReturn,
  VEDLEGG_DATA_TYPE,
} from './app-instance';
import { AppRefusal } from './app-refusal';
import type { AppSimulationSettings } from './app-settings';
import { FillInMessages as M } from './fill-in-messages';
import { readKonvoluttFields } from './konvolutt-fields';

const sorted = (names: string[]) => [...names].sort((a, b) => a.localeCompare(b));

/**
 * What the app checks when fill-in ends (reference §3.6 step 7), in this order: the melding is
 * there; the envelope has a term (and, on older app versions, instansstatus); instance, envelope and
 * melding name the same organisation and category; the envelope lists exactly the uploaded
 * attachments (with unique file names); the envelope passes its XSD; and Skatteetaten's validator does
 * not reject the melding. Each failure is a 409 with a plain-text body.
 */
export class FillInReview {
  constructor(
    private readonly validator: SimulatedMvaValidator,
    private readonly settings: AppSimulationSettings,
  ) {}

  review(instance: AppInstance): ReviewedReturn {
    const meldingElement = instance.data.find((e) => e.dataType === MELDING_DATA_TYPE);
    if (!meldingElement) throw AppRefusal.conflict(M.meldingMissing);
    const meldingFile = meldingElement.filename ?? 'mvamelding';
    const konvoluttXml = instance.data
      .find((e) => e.dataType === KONVOLUTT_DATA_TYPE)!
      .content.toString('utf8');
    const meldingXml = meldingElement.content.toString('utf8');
    // Well-formed on upload (the PUT refuses anything else), so the fields can always be bound.
    const fields = readKonvoluttFields(konvoluttXml)!;
    if (fields.skattleggingsperiode === 'missing') throw AppRefusal.conflict(M.periodeRequired);
    if (fields.skattleggingsperiode === 'empty') throw AppRefusal.conflict(M.periodeEmpty);
    if (this.settings.requireInstansstatus && fields.instansstatus === null)
      throw AppRefusal.conflict(M.instansstatusRequired);
    if (fields.orgnr !== instance.orgnr) throw AppRefusal.conflict(M.instanceOrgnr);
    const parsed = parseMvaMelding(meldingXml);
    if (parsed.ok) {
      if ((parsed.melding.orgnr ?? null) !== fields.orgnr)
        throw AppRefusal.conflict(M.meldingOrgnr(meldingFile));
      if (parsed.melding.meldingskategori !== fields.meldingskategori)
        throw AppRefusal.conflict(M.kategori(meldingFile));
    }
    const uploaded = instance.data
      .filter((e) => e.dataType === VEDLEGG_DATA_TYPE)
      .map((e) => e.filename ?? '');
    const names = [meldingFile, ...uploaded];
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate !== undefined) throw AppRefusal.conflict(M.duplicateFilename(duplicate));
    if (sorted(uploaded).join('\n') !== sorted(fields.vedlegg).join('\n'))
      throw AppRefusal.conflict(M.vedleggList);
    const konvolutt = parseKonvolutt(konvoluttXml);
    if (!konvolutt.ok) throw AppRefusal.conflict(M.konvoluttSchema(konvolutt.errors));
    const result = this.validator.validate(meldingXml, instance.orgnr);
    if (result.status === 'UGYLDIG_SKATTEMELDING' || !result.melding)
      throw AppRefusal.conflict(M.ugyldigMelding(this.validator.render(result)));
    const { melding } = result;
    return {
      regnskapssystemsreferanse: melding.regnskapssystemsreferanse,
      periode: melding.periode,
      meldingskategori: melding.meldingskategori,
      fastsattMerverdiavgift: melding.fastsattMerverdiavgift,
      // The feedback file is always the v1 shape, whatever the validation API is set to.
      valideringsresultatXml: renderValideringsresultat(result, { shape: 'v1' }),
    };
  }
}
