import { ApierError } from '@apier/contracts';
import { buildKonvolutt, type KonvoluttInput, parseKonvolutt } from './konvolutt';
import { officialExample } from './testing/melding-fixture';
import { libxml2Accepts } from './testing/xmllint-oracle';

const input: KonvoluttInput = {
  orgnr: '315678420',
  periode: { type: 'toMaaneder', value: 'mai-juni', year: 2025 },
  meldingskategori: 'alminnelig',
  opprettetAv: 'Apier & Co <regnskap>',
  meldingFilnavn: 'mvaMelding.xml',
  opprettingstidspunkt: '2025-07-02T09:30:00+02:00',
  vedlegg: [{ filnavn: 'bilag.pdf', filekstensjon: 'pdf' }],
};

describe('the envelope (konvolutt)', () => {
  it('is built namespaced, in XSD order, valid for libxml2 too', async () => {
    const xml = buildKonvolutt(input);
    expect(xml).toContain(
      '<mvaMeldingInnsending xmlns="no:skatteetaten:fastsetting:avgift:mva:mvameldinginnsending:v1.0">',
    );
    expect(xml.indexOf('<opprettetAv>')).toBeLessThan(xml.indexOf('<vedlegg>'));
    expect(await libxml2Accepts(xml, 'konvolutt')).toBe(true);
  });

  it('reads back what it built, without deviations', () => {
    const parsed = parseKonvolutt(buildKonvolutt(input));
    expect(parsed).toEqual({
      ok: true,
      deviations: [],
      konvolutt: {
        identifikator: { type: 'organisasjonsnummer', value: '315678420' },
        periode: input.periode,
        meldingskategori: 'alminnelig',
        innsendingstype: 'komplett',
        opprettetAv: 'Apier & Co <regnskap>',
        opprettingstidspunkt: '2025-07-02T09:30:00+02:00',
        vedlegg: [
          expect.objectContaining({
            vedleggstype: 'mva-melding',
            kildegruppe: 'sluttbrukersystem',
            filnavn: 'mvaMelding.xml',
            filekstensjon: 'xml',
            filinnhold: '',
          }),
          expect.objectContaining({
            vedleggstype: 'binaerVedlegg',
            filnavn: 'bilag.pdf',
            filekstensjon: 'pdf',
          }),
        ],
      },
    });
  });

  it('refuses input that cannot make a schema-valid envelope', () => {
    expect(() => buildKonvolutt({ ...input, orgnr: '12345' })).toThrow(ApierError);
    expect(() => buildKonvolutt({ ...input, meldingBase64: 'A'.repeat(4001) })).toThrow(/XSD/);
    expect(() => buildKonvolutt({ ...input, opprettingstidspunkt: 'yesterday' })).toThrow(ApierError);
  });

  it('accepts the published un-namespaced, out-of-order example and says so', () => {
    const parsed = parseKonvolutt(officialExample('mvakonvolutt1.xml'));
    if (!parsed.ok) throw new Error(parsed.errors.join());
    expect(parsed.deviations).toEqual([
      'the envelope has no namespace',
      expect.stringContaining('elements out of XSD order: /mvaMeldingInnsending/vedlegg'),
    ]);
    expect(parsed.konvolutt.identifikator).toEqual({ type: 'organisasjonsnummer', value: '123456789' });
    expect(parsed.konvolutt.endringstidspunkt).toBe('2013-12-21T12:32:42+01:00');
    expect(parsed.konvolutt.vedlegg).toHaveLength(4);
    expect(parsed.konvolutt.vedlegg[3]).toEqual(
      expect.objectContaining({ vedleggstype: 'mva-melding', kildegruppe: 'sluttbrukersystem' }),
    );
  });

  it('accepts the namespaced form of the published example', () => {
    const xml = officialExample('mvakonvolutt1.xml').replace(
      '<mvaMeldingInnsending>',
      '<mvaMeldingInnsending xmlns="no:skatteetaten:fastsetting:avgift:mva:mvameldinginnsending:v1.0">',
    );
    const parsed = parseKonvolutt(xml);
    expect(parsed.ok && parsed.deviations).toEqual([expect.stringContaining('out of XSD order')]);
  });

  it.each([
    [
      'a missing opprettetAv',
      (x: string) =>
        x.replace(
          '<opprettetAv>Hugo Bjørvik</opprettetAv>\n  <opprettingstidspunkt>',
          '<opprettingstidspunkt>',
        ),
    ],
    [
      'an unknown kildegruppe',
      (x: string) => x.replace('<kildegruppe>sluttbruker</kildegruppe>', '<kildegruppe>robot</kildegruppe>'),
    ],
    [
      'a foreign namespace',
      (x: string) => x.replace('<mvaMeldingInnsending>', '<mvaMeldingInnsending xmlns="urn:x">'),
    ],
    ['another root', () => '<mvaMeldingDto/>'],
    ['a DOCTYPE', (x: string) => `<!DOCTYPE a>${x}`],
  ])('refuses %s', (_name, mutate) => {
    expect(parseKonvolutt(mutate(officialExample('mvakonvolutt1.xml')))).toEqual({
      ok: false,
      errors: [expect.any(String)],
    });
  });
});
