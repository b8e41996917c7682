import type { GovsimWorld } from '../fixtures/govsim-world';
import type { GovsimCompany, SkattleggingsperiodeType } from '../fixtures/world-model';
import { json, type WireResponse } from '../http/wire-response';
import { skatteetatenError } from './skatteetaten-errors';

/**
 * The innsyn status XSD (mvaMeldingInnsendingStatus.v1) names term lengths in the singular
 * ("toMaaned"), while the register model uses the MVA-melding's choice element names ("toMaaneder").
 */
const INNSYN_PERIODE_TYPE: Record<SkattleggingsperiodeType, string> = {
  toMaaneder: 'toMaaned',
  treMaaneder: 'treMaaned',
  maaned: 'maaned',
  aar: 'aar',
};

/**
 * Skatteetaten's view of the world: the VAT register (our own model, as no public API exists)
 * and the innsyn submission status. Only main units are taxpayers; anything else is unknown here.
 */
export class SkatteetatenRegistry {
  constructor(private readonly world: GovsimWorld) {}

  mvaRegisterEntry(orgnr: string): WireResponse {
    const found = this.taxpayer(orgnr);
    if (!found.company) return found.refusal;
    const { mva } = found.company;
    return json(200, {
      organisasjonsnummer: orgnr,
      registrert: mva.registrert,
      meldingskategori: mva.meldingskategori,
      skattleggingsperiodeType: mva.skattleggingsperiodeType,
      gyldigFra: mva.gyldigFra,
      gyldigTil: mva.gyldigTil,
      fellesregistrering: mva.fellesregistrering,
      engangsregistrering: mva.engangsregistrering,
      kontonummer: mva.kontonummer,
    });
  }

  innsendingStatus(orgnr: string): WireResponse {
    const found = this.taxpayer(orgnr);
    if (!found.company) return found.refusal;
    const status = found.company.mvaInnsending;
    return json(200, {
      skattepliktig: { organisasjonsnummer: orgnr },
      terminUtenLevertMvaMelding: status.terminerUtenLevertMvaMelding.map((term) => ({
        meldingskategori: term.meldingskategori,
        skattleggingsperiode: { periode: term.periode, aar: term.aar },
        skattleggingsperiodeType: INNSYN_PERIODE_TYPE[term.skattleggingsperiodeType],
        leveringsfrist: term.leveringsfrist,
      })),
      harTidligereSendtMvaMelding: status.harTidligereSendtMvaMelding,
    });
  }

  /** The XSD only requires nine digits; like Skatteetaten we do not check MOD11 here. */
  private taxpayer(
    orgnr: string,
  ): { company: GovsimCompany } | { company?: undefined; refusal: WireResponse } {
    if (!/^\d{9}$/.test(orgnr)) {
      const melding = `Organisasjonsnummer må være 9 siffer: ${orgnr}`;
      return { refusal: skatteetatenError(400, 'UGYLDIG_ORGANISASJONSNUMMER', melding) };
    }
    const company = this.world.company(orgnr);
    if (!company) {
      const melding = `Fant ingen skattepliktig med organisasjonsnummer ${orgnr}`;
      return { refusal: skatteetatenError(404, 'ENHET_IKKE_FUNNET', melding) };
    }
    return { company };
  }
}
