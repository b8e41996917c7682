import { buildKonvolutt } from '../konvolutt';
import { renderMvaMeldingXml } from '../melding/render-mva-melding';
import { mvaData } from '../mva-data';
import { officialExample, validMelding } from '../testing/melding-fixture';
import { libxml2Accepts } from '../testing/xmllint-oracle';
import { readXml } from '../xml/safe-xml';
import { validateAgainstXsd } from './xsd-validator';

function ours(xml: string, schema: 'melding' | 'konvolutt' | 'valideringsresultat'): boolean {
  const read = readXml(xml);
  if (!read.ok) return false;
  return validateAgainstXsd(mvaData().schemas[schema], read.root).length === 0;
}

const valid = officialExample('mvakode3.xml', 2025);

/** Each mutation of a valid melding, with whether the XSD accepts the result. */
const MUTATIONS: [string, (xml: string) => string, boolean][] = [
  ['unchanged', (x) => x, true],
  ['gYear with letters', (x) => x.replace('<aar>2025</aar>', '<aar>20x5</aar>'), false],
  [
    'decimal padded with whitespace',
    (x) => x.replace('<grunnlag>20000</grunnlag>', '<grunnlag> 20000\n</grunnlag>'),
    true,
  ],
  ['gYear with time zone', (x) => x.replace('<aar>2025</aar>', '<aar>2025Z</aar>'), true],
  ['unknown period value', (x) => x.replace('mars-april', 'mars-mai'), false],
  ['period value with trailing space', (x) => x.replace('mars-april<', 'mars-april <'), false],
  [
    'decimal with comma',
    (x) => x.replace('<grunnlag>20000</grunnlag>', '<grunnlag>20000,5</grunnlag>'),
    false,
  ],
  [
    'decimal with fraction',
    (x) => x.replace('<grunnlag>20000</grunnlag>', '<grunnlag>20000.50</grunnlag>'),
    true,
  ],
  [
    'decimal with exponent',
    (x) => x.replace('<grunnlag>20000</grunnlag>', '<grunnlag>2e4</grunnlag>'),
    false,
  ],
  [
    'leading-dot decimal',
    (x) => x.replace('<merverdiavgift>5000</merverdiavgift>', '<merverdiavgift>.5</merverdiavgift>'),
    true,
  ],
  [
    'sats before grunnlag',
    (x) =>
      x.replace(
        '<grunnlag>20000</grunnlag>\n\t\t\t<sats>25</sats>',
        '<sats>25</sats><grunnlag>20000</grunnlag>',
      ),
    false,
  ],
  ['line without merverdiavgift', (x) => x.replace('<merverdiavgift>5000</merverdiavgift>', ''), false],
  [
    'unknown element in a line',
    (x) => x.replace('<sats>25</sats>', '<sats>25</sats><kommentar>x</kommentar>'),
    false,
  ],
  ['stray text in innsending', (x) => x.replace('<innsending>', '<innsending>tekst'), false],
  [
    'no betalingsinformasjon',
    (x) => x.replace(/<betalingsinformasjon>[\s\S]*<\/betalingsinformasjon>/, ''),
    false,
  ],
  [
    'empty betalingsinformasjon',
    (x) => x.replace(/<betalingsinformasjon>[\s\S]*<\/betalingsinformasjon>/, '<betalingsinformasjon/>'),
    true,
  ],
  ['orgnr with 8 digits', (x) => x.replace('123456789', '12345678'), false],
  ['orgnr with a letter', (x) => x.replace('123456789', '12345678a'), false],
  [
    'VOEC number instead of orgnr',
    (x) =>
      x.replace(
        '<organisasjonsnummer>123456789</organisasjonsnummer>',
        '<identifikasjonsnummer>1234567</identifikasjonsnummer>',
      ),
    true,
  ],
  [
    'both orgnr and VOEC number',
    (x) =>
      x.replace(
        '</organisasjonsnummer>',
        '</organisasjonsnummer><identifikasjonsnummer>1234567</identifikasjonsnummer>',
      ),
    true,
  ],
  [
    'empty skattepliktig',
    (x) => x.replace(/<skattepliktig>[\s\S]*<\/skattepliktig>/, '<skattepliktig/>'),
    true,
  ],
  ['category primærnæring with æ', (x) => x.replace('>alminnelig<', '>primærnæring<'), false],
  [
    'category typo from an official example',
    (x) => x.replace('>alminnelig<', '>omvendtAavgiftsplikt<'),
    false,
  ],
  [
    'two period choices',
    (x) =>
      x.replace(
        '</skattleggingsperiodeToMaaneder>',
        '</skattleggingsperiodeToMaaneder><skattleggingsperiodeAar>aarlig</skattleggingsperiodeAar>',
      ),
    false,
  ],
  [
    'merknad with both choices',
    (x) =>
      x.replace(
        '</meldingskategori>',
        '</meldingskategori><merknad><beskrivelse>a</beskrivelse><utvalgtMerknad>b</utvalgtMerknad></merknad>',
      ),
    false,
  ],
  ['empty merknad', (x) => x.replace('</meldingskategori>', '</meldingskategori><merknad/>'), false],
  ['no namespace', (x) => x.replace(/ xmlns="[^"]+"/, ''), false],
  ['wrong namespace', (x) => x.replace(/xmlns="[^"]+"/, 'xmlns="urn:other"'), false],
  [
    'prefixed namespace',
    (x) => x.replace(/xmlns="([^"]+)"/, 'xmlns:m="$1"').replace(/<(\/?)([a-zA-Z])/g, '<$1m:$2'),
    true,
  ],
  ['undeclared attribute', (x) => x.replace('<innsending>', '<innsending id="1">'), false],
  [
    'text longer than 4000 characters',
    (x) => x.replace('<systemnavn>zzx</systemnavn>', `<systemnavn>${'z'.repeat(4001)}</systemnavn>`),
    false,
  ],
  [
    'text of exactly 4000 characters',
    (x) => x.replace('<systemnavn>zzx</systemnavn>', `<systemnavn>${'ø'.repeat(4000)}</systemnavn>`),
    true,
  ],
  [
    'uke 53',
    (x) =>
      x.replace(
        '<skattleggingsperiodeToMaaneder>mars-april</skattleggingsperiodeToMaaneder>',
        '<skattleggingsperiodeUke>uke 53</skattleggingsperiodeUke>',
      ),
    true,
  ],
  ['wrong root element', (x) => x.replace(/mvaMeldingDto/g, 'mvaMelding'), false],
];

const envelope = buildKonvolutt({
  orgnr: '315678420',
  periode: { type: 'maaned', value: 'mai', year: 2025 },
  meldingskategori: 'alminnelig',
  opprettetAv: 'Apier',
  meldingFilnavn: 'mvaMelding.xml',
  opprettingstidspunkt: '2025-06-02T10:00:00Z',
});
const at = (time: string) => (x: string) => x.replace(/2025-06-02T10:00:00Z/g, time);

/** dateTime and choice edge cases in the envelope schema. */
const ENVELOPE_MUTATIONS: [string, (xml: string) => string, boolean][] = [
  ['unchanged', (x) => x, true],
  ['dateTime with offset and fraction', at('2025-06-02T10:00:00.123+02:00'), true],
  ['dateTime without time zone', at('2025-06-02T10:00:00'), true],
  ['dateTime on 29 February of a leap year', at('2024-02-29T10:00:00Z'), true],
  ['dateTime on 29 February of a common year', at('2025-02-29T10:00:00Z'), false],
  ['dateTime in month 13', at('2025-13-02T10:00:00Z'), false],
  ['dateTime at minute 60', at('2025-06-02T10:60:00Z'), false],
  ['dateTime with a date only', at('2025-06-02'), false],
  ['dateTime with a space for T', at('2025-06-02 10:00:00Z'), false],
  ['dateTime with offset +15:00', at('2025-06-02T10:00:00+15:00'), false],
  [
    'fødselsnummer instead of orgnr',
    (x) =>
      x.replace(
        /<organisasjonsnummer>\d+<\/organisasjonsnummer>/,
        '<foedselsnummer>01017012345</foedselsnummer>',
      ),
    true,
  ],
  ['unknown innsendingstype', (x) => x.replace('>komplett<', '>delvis<'), false],
  [
    'endringstidspunkt last',
    (x) =>
      x.replace(
        '</mvaMeldingInnsending>',
        '<endringstidspunkt>2025-06-03T10:00:00Z</endringstidspunkt></mvaMeldingInnsending>',
      ),
    true,
  ],
  [
    'endringstidspunkt before vedlegg',
    (x) => x.replace('<vedlegg>', '<endringstidspunkt>2025-06-03T10:00:00Z</endringstidspunkt><vedlegg>'),
    false,
  ],
];

describe('the XSD validator compiled from the official schema agrees with libxml2', () => {
  it.each(ENVELOPE_MUTATIONS)('envelope: %s', async (_name, mutate, accepted) => {
    const xml = mutate(envelope);
    expect(await libxml2Accepts(xml, 'konvolutt')).toBe(accepted);
    expect(ours(xml, 'konvolutt')).toBe(accepted);
  });

  it.each(['mvakode3.xml', 'mvakode81.xml', 'eksempelMedMerknader.xml'])(
    'accepts the official example %s',
    async (file) => {
      const xml = officialExample(file);
      expect(ours(xml, 'melding')).toBe(true);
      expect(await libxml2Accepts(xml, 'melding')).toBe(true);
    },
  );

  it.each(MUTATIONS)('%s', async (_name, mutate, accepted) => {
    const xml = mutate(valid);
    expect(xml === valid).toBe(_name === 'unchanged');
    expect(await libxml2Accepts(xml, 'melding')).toBe(accepted);
    expect(ours(xml, 'melding')).toBe(accepted);
  });

  it('collapses whitespace around a gYear as XSD 1.0 says, where libxml2 (unlike Java validators) does not', async () => {
    const xml = valid.replace('<aar>2025</aar>', '<aar> 2025\n</aar>');
    expect(ours(xml, 'melding')).toBe(true);
    expect(await libxml2Accepts(xml, 'melding')).toBe(false);
  });

  it('accepts what renderMvaMeldingXml writes', async () => {
    const xml = renderMvaMeldingXml(validMelding());
    expect(ours(xml, 'melding')).toBe(true);
    expect(await libxml2Accepts(xml, 'melding')).toBe(true);
  });

  it('accepts the official feedback example and rejects the un-namespaced envelope example, like libxml2', async () => {
    const feedback = officialExample('valideringsresultat.xml');
    expect(ours(feedback, 'valideringsresultat')).toBe(true);
    expect(await libxml2Accepts(feedback, 'valideringsresultat')).toBe(true);
    const envelope = officialExample('mvakonvolutt1.xml');
    expect(ours(envelope, 'konvolutt')).toBe(false);
    expect(await libxml2Accepts(envelope, 'konvolutt')).toBe(false);
  });

  it('names the path, line and reason of a schema error', () => {
    const read = readXml(valid.replace('<aar>2025</aar>', '<aar>20x5</aar>'));
    if (!read.ok) throw new Error('not read');
    expect(validateAgainstXsd(mvaData().schemas.melding, read.root)).toEqual([
      {
        path: '/mvaMeldingDto/skattegrunnlagOgBeregnetSkatt/skattleggingsperiode/aar',
        line: 15,
        message: expect.stringContaining("'20x5' is not a valid value"),
      },
    ]);
  });
});
