import { describeCode, ORGANISASJONSFORMER } from '../fixtures/brreg-codes';
import type { EnhetFacts, GovsimCompany, UnderenhetFacts } from '../fixtures/world-model';
import { type BrregLinks, selfLink } from './brreg-links';

type Json = Record<string, unknown>;

/**
 * Field order as Enhetsregisteret sends it. Typed as a record over every fact so that adding a
 * field to the model without placing it here fails to compile.
 */
const ENHET_FIELD_ORDER: Record<keyof EnhetFacts, true> = {
  organisasjonsnummer: true,
  navn: true,
  organisasjonsform: true,
  hjemmeside: true,
  epostadresse: true,
  telefon: true,
  mobil: true,
  postadresse: true,
  registreringsdatoEnhetsregisteret: true,
  registrertIMvaregisteret: true,
  registreringsdatoMerverdiavgiftsregisteret: true,
  frivilligMvaRegistrertBeskrivelser: true,
  naeringskode1: true,
  naeringskode2: true,
  naeringskode3: true,
  harRegistrertAntallAnsatte: true,
  antallAnsatte: true,
  registreringsdatoAntallAnsatteNAVAaregisteret: true,
  registreringsdatoAntallAnsatteEnhetsregisteret: true,
  forretningsadresse: true,
  stiftelsesdato: true,
  institusjonellSektorkode: true,
  registrertIForetaksregisteret: true,
  registreringsdatoForetaksregisteret: true,
  registrertIStiftelsesregisteret: true,
  registrertIFrivillighetsregisteret: true,
  registrertIPartiregisteret: true,
  sisteInnsendteAarsregnskap: true,
  konkurs: true,
  konkursdato: true,
  underAvvikling: true,
  underAvviklingDato: true,
  underTvangsavviklingEllerTvangsopplosning: true,
  maalform: true,
  vedtektsdato: true,
  vedtektsfestetFormaal: true,
  aktivitet: true,
  paategninger: true,
  erIKonsern: true,
  kapital: true,
  overordnetEnhet: true,
};

const UNDERENHET_FIELD_ORDER: Record<keyof UnderenhetFacts, true> = {
  organisasjonsnummer: true,
  navn: true,
  organisasjonsform: true,
  postadresse: true,
  registreringsdatoEnhetsregisteret: true,
  registrertIMvaregisteret: true,
  naeringskode1: true,
  harRegistrertAntallAnsatte: true,
  antallAnsatte: true,
  registreringsdatoAntallAnsatteNAVAaregisteret: true,
  overordnetEnhet: true,
  oppstartsdato: true,
  nedleggelsesdato: true,
  beliggenhetsadresse: true,
};

const ENHET_KEYS = Object.keys(ENHET_FIELD_ORDER) as (keyof EnhetFacts)[];
const UNDERENHET_KEYS = Object.keys(UNDERENHET_FIELD_ORDER) as (keyof UnderenhetFacts)[];

function copyInOrder<T extends object>(source: T, keys: readonly (keyof T)[]): Json {
  const out: Json = {};
  for (const key of keys) {
    const value = source[key];
    if (value !== undefined) out[key as string] = value;
  }
  return out;
}

export function organisasjonsformJson(kode: string, links: BrregLinks): Json {
  return {
    kode,
    beskrivelse: describeCode(ORGANISASJONSFORMER, kode),
    _links: selfLink(links.organisasjonsform(kode)),
  };
}

export function enhetJson(enhet: EnhetFacts, links: BrregLinks): Json {
  const body = copyInOrder(enhet, ENHET_KEYS);
  body['organisasjonsform'] = organisasjonsformJson(enhet.organisasjonsform, links);
  body['respons_klasse'] = 'Enhet';
  body['_links'] = selfLink(links.enhet(enhet.organisasjonsnummer));
  return body;
}

/** The reduced body Brreg still answers with (status 200) for a unit deleted from the register. */
export function slettetEnhetJson(company: GovsimCompany, links: BrregLinks): Json {
  const { enhet } = company;
  return {
    respons_klasse: 'SlettetEnhet',
    organisasjonsnummer: enhet.organisasjonsnummer,
    navn: enhet.navn,
    organisasjonsform: organisasjonsformJson(enhet.organisasjonsform, links),
    historiskeNavn: company.historiskeNavn,
    slettedato: company.slettedato,
    _links: selfLink(links.enhet(enhet.organisasjonsnummer)),
  };
}

/** The whole 410 body for a unit removed from open data. */
export function fjernetJson(organisasjonsnummer: string, slettedato: string | undefined): Json {
  return { organisasjonsnummer, slettedato };
}

export function underenhetJson(underenhet: UnderenhetFacts, links: BrregLinks): Json {
  const body = copyInOrder(underenhet, UNDERENHET_KEYS);
  body['organisasjonsform'] = organisasjonsformJson(underenhet.organisasjonsform, links);
  body['respons_klasse'] = 'Underenhet';
  body['_links'] = {
    self: { href: links.underenhet(underenhet.organisasjonsnummer) },
    overordnetEnhet: { href: links.enhet(underenhet.overordnetEnhet) },
  };
  return body;
}

/** A sub-unit of a deleted main unit: deleted with it, answered in the same reduced style. */
export function slettetUnderenhetJson(
  underenhet: UnderenhetFacts,
  slettedato: string | undefined,
  links: BrregLinks,
): Json {
  return {
    respons_klasse: 'SlettetUnderenhet',
    organisasjonsnummer: underenhet.organisasjonsnummer,
    navn: underenhet.navn,
    organisasjonsform: organisasjonsformJson(underenhet.organisasjonsform, links),
    slettedato,
    _links: selfLink(links.underenhet(underenhet.organisasjonsnummer)),
  };
}
