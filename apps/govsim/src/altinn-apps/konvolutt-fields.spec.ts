import { konvoluttXml } from '../testing/mva-documents';
import { readKonvoluttFields } from './konvolutt-fields';

describe('readKonvoluttFields', () => {
  it('binds a namespaced envelope, a prefixed one and one without namespace alike', () => {
    const plain = konvoluttXml({ orgnr: '315678420', vedlegg: ['merknad.pdf'], instansstatus: 'x' });
    const prefixed = plain
      .replace('<mvaMeldingInnsending xmlns=', '<k:mvaMeldingInnsending xmlns:k=')
      .replace('</mvaMeldingInnsending>', '</k:mvaMeldingInnsending>')
      .replace(
        /<(\/?)(norskIdentifikator|organisasjonsnummer|skattleggingsperiode|periode|skattleggingsperiodeToMaaneder|aar|meldingskategori|innsendingstype|instansstatus|opprettetAv|vedlegg|vedleggstype|kildegruppe|vedleggsfil|filnavn|filekstensjon|filinnhold)>/g,
        '<$1k:$2>',
      );
    const bare = konvoluttXml({
      orgnr: '315678420',
      vedlegg: ['merknad.pdf'],
      instansstatus: 'x',
      namespaced: false,
    });
    for (const xml of [plain, prefixed, bare])
      expect(readKonvoluttFields(xml)).toEqual({
        orgnr: '315678420',
        skattleggingsperiode: 'present',
        meldingskategori: 'alminnelig',
        instansstatus: 'x',
        vedlegg: ['merknad.pdf'],
      });
  });

  it('binds missing parts as null, like the app model, and tells a missing term from an empty one', () => {
    expect(readKonvoluttFields('<mvaMeldingInnsending/>')).toEqual({
      orgnr: null,
      skattleggingsperiode: 'missing',
      meldingskategori: null,
      instansstatus: null,
      vedlegg: [],
    });
    const empty = readKonvoluttFields(
      '<mvaMeldingInnsending><skattleggingsperiode><periode/><aar>2026</aar></skattleggingsperiode></mvaMeldingInnsending>',
    );
    expect(empty?.skattleggingsperiode).toBe('empty');
  });

  it('keeps a file name that already carries its extension, and skips the melding entry', () => {
    const xml = `<mvaMeldingInnsending>
      <vedlegg><vedleggstype>mva-melding</vedleggstype><vedleggsfil><filnavn>melding</filnavn><filekstensjon>xml</filekstensjon></vedleggsfil></vedlegg>
      <vedlegg><vedleggstype>binaerVedlegg</vedleggstype><vedleggsfil><filnavn>bilde.PNG</filnavn><filekstensjon>png</filekstensjon></vedleggsfil></vedlegg>
    </mvaMeldingInnsending>`;
    expect(readKonvoluttFields(xml)?.vedlegg).toEqual(['bilde.PNG']);
  });

  it('refuses what is not well-formed, another root and any DOCTYPE', () => {
    for (const xml of [
      'text',
      '<mvaMeldingInnsending>',
      '<annet/>',
      '<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><mvaMeldingInnsending>&x;</mvaMeldingInnsending>',
      `<mvaMeldingInnsending>${'<opprettetAv>x</opprettetAv>'.repeat(50_000)}</mvaMeldingInnsending>`,
    ])
      expect(readKonvoluttFields(xml)).toBeNull();
  });
});
