import { ApierError } from '@apier/contracts';
import fc from 'fast-check';
import { renderMvaMeldingXml } from './melding/render-mva-melding';
import { mvaData } from './mva-data';
import { validateMvaMelding } from './validate-mva-melding';
import { readXml } from './xml/safe-xml';
import { validateAgainstXsd } from './xsd/xsd-validator';
import { officialExample, validate, validMelding, withLines } from './testing/melding-fixture';
import { libxml2Accepts } from './testing/xmllint-oracle';
import { parseValideringsresultat, renderValideringsresultat } from './valideringsresultat';

const rejected = validate(
  withLines(validMelding(), [
    { mvaKode: '3', grunnlag: '20000', merverdiavgift: '5000' },
    { mvaKode: '3', grunnlag: '1000', sats: '25', merverdiavgift: '249' },
  ]),
);

describe('valideringsresultat', () => {
  it('has a rejected and a deviating finding to work with', () => {
    expect(rejected.status).toBe('UGYLDIG_SKATTEMELDING');
    expect(rejected.violations.map((v) => v.ruleId)).toEqual(['R019', 'R066']);
  });

  it('renders the official v1 shape, valid against its XSD, and reads it back unchanged', async () => {
    const xml = renderValideringsresultat(rejected);
    expect(await libxml2Accepts(xml, 'valideringsresultat')).toBe(true);
    expect(xml).toContain('<avvikVedMeldingslevering>ugyldig skattemelding</avvikVedMeldingslevering>');
    expect(xml).toContain('<avvikKode>R066</avvikKode>');
    expect(xml).toContain('<begrunnelse>MVA_KODE_FOR_UTGÅENDE_AVGIFT_MANGLER_GRUNNLAG_OG_SATS</begrunnelse>');
    expect(xml).toContain(
      '<regelDefinisjon>Beløp som gjelder utgående avgift skal ha med grunnlag og sats.</regelDefinisjon>',
    );
    expect(parseValideringsresultat(xml)).toEqual({
      status: rejected.status,
      violations: rejected.violations,
    });
  });

  it('keeps echoed codes as written, and stays schema-valid when they are very long', async () => {
    const spaced = validate(withLines(validMelding(), [{ mvaKode: ' 3 ', merverdiavgift: '0' }]));
    expect(parseValideringsresultat(renderValideringsresultat(spaced)).violations[0]!.mvaKode).toBe(' 3 ');
    const long = validate(withLines(validMelding(), [{ mvaKode: 'x'.repeat(5000), merverdiavgift: '0' }]));
    expect(long.violations[0]!.mvaKode).toHaveLength(5000);
    const xml = renderValideringsresultat(long);
    expect(await libxml2Accepts(xml, 'valideringsresultat')).toBe(true);
  });

  it('renders every validation outcome schema-valid and reads it back unchanged', () => {
    const base = renderMvaMeldingXml(validMelding());
    fc.assert(
      fc.property(
        fc.nat({ max: base.length }),
        fc.nat({ max: 40 }),
        fc.string({ maxLength: 30 }),
        (at, cut, insert) => {
          const result = validateMvaMelding(base.slice(0, at) + insert + base.slice(at + cut), {
            today: '2025-07-15',
          });
          const xml = renderValideringsresultat(result);
          const read = readXml(xml);
          expect(read.ok && validateAgainstXsd(mvaData().schemas.valideringsresultat, read.root)).toEqual([]);
          expect(parseValideringsresultat(xml)).toEqual({
            status: result.status,
            violations: result.violations,
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('renders "ingen avvik" for a valid return', async () => {
    const xml = renderValideringsresultat(validate(validMelding()));
    expect(await libxml2Accepts(xml, 'valideringsresultat')).toBe(true);
    expect(parseValideringsresultat(xml)).toEqual({ status: 'GYLDIG_SKATTEMELDING', violations: [] });
  });

  it('renders the legacy shape and reads it back with rule ids, severities, paths and messages', () => {
    const xml = renderValideringsresultat(rejected, { shape: 'legacy' });
    expect(xml).toContain('<status>UGYLDIG_SKATTEMELDING</status>');
    expect(xml).toContain('<avvikKode>MVA_KODE_FOR_UTGÅENDE_AVGIFT_MANGLER_GRUNNLAG_OG_SATS</avvikKode>');
    const back = parseValideringsresultat(xml);
    expect(back.status).toBe('UGYLDIG_SKATTEMELDING');
    expect(
      back.violations.map(({ ruleId, severity, path, message }) => ({ ruleId, severity, path, message })),
    ).toEqual(
      rejected.violations.map(({ ruleId, severity, path, message }) => ({ ruleId, severity, path, message })),
    );
  });

  it('reads the documented legacy example for a schema error', () => {
    const xml = `<valideringsresultat><status>UGYLDIG_SKATTEMELDING</status><valideringsfeil><stiTilFeil>//innsending</stiTilFeil><valideringsDetaljer><feilmelding>Mva meldingen må være på gyldig format og passere XML skjema valideringen</feilmelding><alvorlighetsgrad>UGYLDIG_SKATTEMELDING</alvorlighetsgrad><avvikKode>MvaMeldingsinnhold_Xml_SkjemaValideringsfeil</avvikKode><informasjon>cvc-complex-type.2.4.b: …</informasjon></valideringsDetaljer></valideringsfeil></valideringsresultat>`;
    expect(parseValideringsresultat(xml)).toEqual({
      status: 'UGYLDIG_SKATTEMELDING',
      violations: [
        expect.objectContaining({
          ruleId: 'R001',
          severity: 'rejected',
          path: '//innsending',
          details: 'cvc-complex-type.2.4.b: …',
        }),
      ],
    });
  });

  it("reads Skatteetaten's feedback example", () => {
    expect(parseValideringsresultat(officialExample('valideringsresultat.xml'))).toEqual({
      status: 'GYLDIG_SKATTEMELDING',
      violations: [],
    });
  });

  it.each([
    ['not XML', 'status: ok'],
    ['another document', '<kvittering/>'],
    [
      'a v1 result breaking its XSD',
      '<valideringsresultat xmlns="no:skatteetaten:fastsetting:avgift:mva:valideringsresultat:v1"><avvik/></valideringsresultat>',
    ],
    [
      'a legacy result with an unknown status',
      '<valideringsresultat><status>OK</status></valideringsresultat>',
    ],
    ['a DOCTYPE', '<!DOCTYPE x><valideringsresultat/>'],
  ])('refuses %s as an upstream fault', (_name, xml) => {
    expect(() => parseValideringsresultat(xml)).toThrow(ApierError);
    try {
      parseValideringsresultat(xml);
    } catch (error) {
      expect((error as ApierError).code).toBe('upstream_bad_response');
    }
  });
});
