import { parseMvaMelding } from './melding/parse-mva-melding';
import { officialExample } from './testing/melding-fixture';
import { validateMvaMelding } from './validate-mva-melding';

const today = '2025-09-15';

describe("Skatteetaten's example returns", () => {
  it.each(['mvakode3.xml', 'mvakode81.xml', 'eksempelMedMerknader.xml'])(
    '%s re-dated to 2025 is valid',
    (file) => {
      const result = validateMvaMelding(officialExample(file, 2025), { today });
      expect(result.violations).toEqual([]);
      expect(result.status).toBe('GYLDIG_SKATTEMELDING');
    },
  );

  it('accepts 14141 × 25 % reported as 3535 in eksempelMedMerknader', () => {
    const parsed = parseMvaMelding(officialExample('eksempelMedMerknader.xml', 2025));
    if (!parsed.ok) throw new Error('not parsed');
    expect(parsed.melding.linjer[2]).toEqual(
      expect.objectContaining({ mvaKode: '81', grunnlag: '14141', sats: '25', merverdiavgift: '3535' }),
    );
    expect(validateMvaMelding(officialExample('eksempelMedMerknader.xml', 2025), { today }).status).toBe(
      'GYLDIG_SKATTEMELDING',
    );
  });

  it.each(['mvakode3.xml', 'mvakode81.xml', 'eksempelMedMerknader.xml'])(
    '%s as published (2020/2021) is refused by R077',
    (file) => {
      const result = validateMvaMelding(officialExample(file), { today: '2022-03-01' });
      expect(result.status).toBe('UGYLDIG_SKATTEMELDING');
      expect(result.violations.map((v) => v.ruleId)).toEqual(['R077']);
      expect(result.violations[0]!.message).toBe(
        'Det kan ikke sendes inn mva-melding for perioder før 01.01.2022. Denne må sendes via Altinn.',
      );
    },
  );

  it('passes the originals when R077 is switched off', () => {
    expect(
      validateMvaMelding(officialExample('mvakode3.xml'), { today: '2022-03-01', enforceR077: false }).status,
    ).toBe('GYLDIG_SKATTEMELDING');
  });

  it('rejects mvakode81.xml for an organisation other than its own, and for its failing MOD11 orgnr when asked to check', () => {
    const xml = officialExample('mvakode81.xml', 2025);
    expect(
      validateMvaMelding(xml, { today, expectedOrgnr: '315678420' }).violations.map((v) => v.ruleId),
    ).toEqual(['ORGNR_MISMATCH']);
    expect(validateMvaMelding(xml, { today, checkOrgnrMod11: true }).violations.map((v) => v.ruleId)).toEqual(
      ['ORGNR_MOD11'],
    );
  });
});
