import type { Merknad, MvaLinje, MvaMelding } from '../mva-types';
import { el, opt, renderXmlDocument, type XmlNode } from '../xml/xml-writer';
import { MELDING_NS, PERIOD_ELEMENTS } from './melding-xml-names';

/**
 * The official XML for a melding: default namespace, elements in XSD sequence order, every text escaped.
 * `parseMvaMelding(renderMvaMeldingXml(m))` gives `m` back for any melding that passes the XSD.
 */
export function renderMvaMeldingXml(melding: MvaMelding): string {
  const root = el('mvaMeldingDto', [
    el('innsending', [
      el('regnskapssystemsreferanse', melding.regnskapssystemsreferanse),
      melding.regnskapssystem
        ? el('regnskapssystem', [
            el('systemnavn', melding.regnskapssystem.systemnavn),
            opt('systemversjon', melding.regnskapssystem.systemversjon),
          ])
        : undefined,
    ]),
    el('skattegrunnlagOgBeregnetSkatt', [
      el('skattleggingsperiode', [
        el('periode', [el(PERIOD_ELEMENTS[melding.periode.type], melding.periode.value)]),
        el('aar', String(melding.periode.year)),
      ]),
      el('fastsattMerverdiavgift', melding.fastsattMerverdiavgift),
      ...melding.linjer.map(renderLinje),
    ]),
    el('betalingsinformasjon', [opt('kundeIdentifikasjonsnummer', melding.kid)]),
    el('skattepliktig', [
      opt('organisasjonsnummer', melding.orgnr),
      opt('identifikasjonsnummer', melding.identifikasjonsnummer),
    ]),
    el('meldingskategori', melding.meldingskategori),
    renderMerknad(melding.merknad),
  ]);
  root.attributes = { xmlns: MELDING_NS };
  return renderXmlDocument(root);
}

function renderLinje(linje: MvaLinje): XmlNode {
  return el('mvaSpesifikasjonslinje', [
    el('mvaKode', linje.mvaKode),
    opt('spesifikasjon', linje.spesifikasjon),
    opt('mvaKodeRegnskapsystem', linje.mvaKodeRegnskapsystem),
    opt('grunnlag', linje.grunnlag),
    opt('sats', linje.sats),
    el('merverdiavgift', linje.merverdiavgift),
    renderMerknad(linje.merknad),
  ]);
}

function renderMerknad(merknad: Merknad | undefined): XmlNode | undefined {
  if (!merknad) return undefined;
  return 'beskrivelse' in merknad
    ? el('merknad', [el('beskrivelse', merknad.beskrivelse)])
    : el('merknad', [el('utvalgtMerknad', merknad.utvalgtMerknad)]);
}
