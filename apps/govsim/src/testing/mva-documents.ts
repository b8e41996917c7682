/** Hand-written MVA documents for specs, independent of the library that validates them. */

export interface MeldingSpec {
  orgnr: string;
  regnskapssystemsreferanse: string;
  /** `skattleggingsperiodeToMaaneder` etc. */
  periodeElement?: string;
  periode?: string;
  aar?: number;
  meldingskategori?: string;
  /** Output VAT on 20 000 at 25 %, input VAT as given; net = 5000 + inngaaende. */
  inngaaende?: number;
  /** Overrides the computed net amount, e.g. to break arithmetic. */
  fastsatt?: number;
}

export function meldingXml(spec: MeldingSpec): string {
  const inngaaende = spec.inngaaende ?? -2500;
  const element = spec.periodeElement ?? 'skattleggingsperiodeToMaaneder';
  return `<?xml version="1.0" encoding="UTF-8"?>
<mvaMeldingDto xmlns="no:skatteetaten:fastsetting:avgift:mva:skattemeldingformerverdiavgift:v1.0">
  <innsending>
    <regnskapssystemsreferanse>${spec.regnskapssystemsreferanse}</regnskapssystemsreferanse>
    <regnskapssystem><systemnavn>Apier</systemnavn><systemversjon>1.0</systemversjon></regnskapssystem>
  </innsending>
  <skattegrunnlagOgBeregnetSkatt>
    <skattleggingsperiode><periode><${element}>${spec.periode ?? 'mai-juni'}</${element}></periode><aar>${spec.aar ?? 2026}</aar></skattleggingsperiode>
    <fastsattMerverdiavgift>${spec.fastsatt ?? 5000 + inngaaende}</fastsattMerverdiavgift>
    <mvaSpesifikasjonslinje><mvaKode>3</mvaKode><grunnlag>20000</grunnlag><sats>25</sats><merverdiavgift>5000</merverdiavgift></mvaSpesifikasjonslinje>
    <mvaSpesifikasjonslinje><mvaKode>1</mvaKode><merverdiavgift>${inngaaende}</merverdiavgift></mvaSpesifikasjonslinje>
  </skattegrunnlagOgBeregnetSkatt>
  <betalingsinformasjon/>
  <skattepliktig><organisasjonsnummer>${spec.orgnr}</organisasjonsnummer></skattepliktig>
  <meldingskategori>${spec.meldingskategori ?? 'alminnelig'}</meldingskategori>
</mvaMeldingDto>
`;
}

export interface KonvoluttSpec {
  orgnr: string;
  periode?: string;
  aar?: number;
  meldingskategori?: string;
  /** Leave the term out entirely. */
  utenSkattleggingsperiode?: boolean;
  instansstatus?: string;
  /** File names of the attachments the envelope lists, e.g. `kvittering.pdf`. */
  vedlegg?: string[];
  /** The published examples are written without a namespace. */
  namespaced?: boolean;
}

export function konvoluttXml(spec: KonvoluttSpec): string {
  const ns =
    spec.namespaced === false
      ? ''
      : ' xmlns="no:skatteetaten:fastsetting:avgift:mva:mvameldinginnsending:v1.0"';
  const periode = spec.utenSkattleggingsperiode
    ? ''
    : `<skattleggingsperiode><periode><skattleggingsperiodeToMaaneder>${spec.periode ?? 'mai-juni'}</skattleggingsperiodeToMaaneder></periode><aar>${spec.aar ?? 2026}</aar></skattleggingsperiode>`;
  const vedlegg = (spec.vedlegg ?? [])
    .map((name) => {
      const dot = name.lastIndexOf('.');
      return `<vedlegg><vedleggstype>binaerVedlegg</vedleggstype><kildegruppe>sluttbrukersystem</kildegruppe><opprettetAv>Apier</opprettetAv><vedleggsfil><filnavn>${name.slice(0, dot)}</filnavn><filekstensjon>${name.slice(dot + 1)}</filekstensjon><filinnhold>vedlegg</filinnhold></vedleggsfil></vedlegg>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<mvaMeldingInnsending${ns}>
  <norskIdentifikator><organisasjonsnummer>${spec.orgnr}</organisasjonsnummer></norskIdentifikator>
  ${periode}
  <meldingskategori>${spec.meldingskategori ?? 'alminnelig'}</meldingskategori>
  <innsendingstype>komplett</innsendingstype>
  ${spec.instansstatus === undefined ? '' : `<instansstatus>${spec.instansstatus}</instansstatus>`}
  <opprettetAv>Apier</opprettetAv>
  ${vedlegg}
</mvaMeldingInnsending>
`;
}
