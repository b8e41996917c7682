import type { GovsimWorld } from '../fixtures/govsim-world';
import type { SubmittedMvaReturn } from '../fixtures/submitted-mva-returns';
import type { GovsimCompany, SkattleggingsperiodeType } from '../fixtures/world-model';
import { json, type WireResponse } from '../http/wire-response';
import type { InnsynAnswer } from './innsyn-format';
import { skatteetatenError } from './skatteetaten-errors';

/** Terms per page of the submitted-returns list, as Skatteetaten documents it. */
export const INNSENDTE_MELDINGER_PAGE_SIZE = 10;

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

  innsendingStatus(orgnr: string): InnsynAnswer {
    const found = this.taxpayer(orgnr);
    if (!found.company) return { refusal: found.refusal };
    const status = found.company.mvaInnsending;
    return {
      document: {
        root: 'mvaMeldingInnsendingStatus',
        namespace: 'no:skatteetaten:fastsetting:avgift:mva:mvaMeldingInnsendingStatus:v1',
        body: {
          skattepliktig: { organisasjonsnummer: orgnr },
          terminUtenLevertMvaMelding: status.terminerUtenLevertMvaMelding.map((term) => ({
            meldingskategori: term.meldingskategori,
            skattleggingsperiode: { periode: term.periode, aar: term.aar },
            skattleggingsperiodeType: INNSYN_PERIODE_TYPE[term.skattleggingsperiodeType],
            leveringsfrist: term.leveringsfrist,
          })),
          harTidligereSendtMvaMelding: status.harTidligereSendtMvaMelding,
        },
      },
    };
  }

  /**
   * Submitted returns, newest first, ten per page. `sekvensnummer` continues after the last one a
   * client saw: only older submissions follow, so pages never overlap. The response XSD is not
   * public; element names follow the status XSD and the documentation's wording [guess].
   */
  innsendteMeldinger(orgnr: string, sekvensnummer: string | undefined): InnsynAnswer {
    const found = this.taxpayer(orgnr);
    if (!found.company) return { refusal: found.refusal };
    let before = Number.POSITIVE_INFINITY;
    if (sekvensnummer !== undefined) {
      if (!/^[1-9]\d{0,15}$/.test(sekvensnummer)) {
        const melding = `Ugyldig sekvensnummer: ${sekvensnummer}`;
        return { refusal: skatteetatenError(400, 'UGYLDIG_SEKVENSNUMMER', melding) };
      }
      before = Number(sekvensnummer);
    }
    const page = [...this.world.submittedReturns.list(orgnr)]
      .filter((r) => r.sekvensnummer < before)
      .sort((a, b) => b.sekvensnummer - a.sekvensnummer)
      .slice(0, INNSENDTE_MELDINGER_PAGE_SIZE);
    return {
      document: {
        root: 'innsendteMeldinger',
        namespace: 'no:skatteetaten:fastsetting:avgift:mva:innsendtemeldinger:v1',
        body: { skattepliktig: { organisasjonsnummer: orgnr }, innsendtMelding: page.map(innsendtMelding) },
      },
    };
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

function innsendtMelding(submitted: SubmittedMvaReturn): Record<string, unknown> {
  return {
    sekvensnummer: submitted.sekvensnummer,
    meldingskategori: submitted.meldingskategori,
    skattleggingsperiode: { periode: submitted.periode, aar: submitted.aar },
    skattleggingsperiodeType: INNSYN_PERIODE_TYPE[submitted.skattleggingsperiodeType],
    innsendingstidspunkt: submitted.innsendt,
    status: submitted.status,
    ...(submitted.fastsattMerverdiavgift === null
      ? {}
      : { fastsattMerverdiavgift: submitted.fastsattMerverdiavgift }),
  };
}
