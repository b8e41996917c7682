import { describeCode, ROLLEGRUPPETYPER, ROLLETYPER, VALGT_AV } from '../fixtures/brreg-codes';
import type { GovsimCompany, RolleFacts } from '../fixtures/world-model';
import { type BrregLinks, selfLink } from './brreg-links';
import { organisasjonsformJson } from './enhet-json';

type Json = Record<string, unknown>;

function rolleJson(rolle: RolleFacts, links: BrregLinks, isSlettet: (orgnr: string) => boolean): Json {
  const body: Json = {
    type: {
      kode: rolle.type,
      beskrivelse: describeCode(ROLLETYPER, rolle.type),
      _links: selfLink(links.rolletype(rolle.type)),
    },
  };
  if (rolle.person) body['person'] = rolle.person;
  if (rolle.enhet) {
    body['enhet'] = {
      organisasjonsnummer: rolle.enhet.organisasjonsnummer,
      organisasjonsform: organisasjonsformJson(rolle.enhet.organisasjonsform, links),
      navn: rolle.enhet.navn,
      erSlettet: rolle.enhet.erSlettet || isSlettet(rolle.enhet.organisasjonsnummer),
      _links: selfLink(links.enhet(rolle.enhet.organisasjonsnummer)),
    };
  }
  if (rolle.valgtAv) {
    body['valgtAv'] = {
      kode: rolle.valgtAv,
      beskrivelse: describeCode(VALGT_AV, rolle.valgtAv),
      _links: selfLink(links.valgtAv(rolle.valgtAv)),
    };
  }
  body['fratraadt'] = rolle.fratraadt;
  body['avregistrert'] = rolle.avregistrert;
  body['rekkefolge'] = rolle.rekkefolge;
  return body;
}

/** `isSlettet` reports the holder's current state, so deleting an auditor shows on its clients' roles. */
export function rollerJson(
  company: GovsimCompany,
  links: BrregLinks,
  isSlettet: (orgnr: string) => boolean,
): Json {
  return {
    rollegrupper: company.rollegrupper.map((gruppe) => ({
      type: {
        kode: gruppe.type,
        beskrivelse: describeCode(ROLLEGRUPPETYPER, gruppe.type),
        _links: selfLink(links.rollegruppetype(gruppe.type)),
      },
      sistEndret: gruppe.sistEndret,
      roller: gruppe.roller.map((rolle) => rolleJson(rolle, links, isSlettet)),
    })),
    _links: { enhet: { href: links.enhet(company.enhet.organisasjonsnummer) } },
  };
}
