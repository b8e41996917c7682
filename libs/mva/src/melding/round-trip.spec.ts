import fc from 'fast-check';
import { termValues } from '../calendar/terms';
import { type MvaLinje, type MvaMelding, TERM_TYPES } from '../mva-types';
import { officialExample, validMelding } from '../testing/melding-fixture';
import { validateMvaMelding } from '../validate-mva-melding';
import { parseMvaMeldingJson } from './mva-melding-schema';
import { parseMvaMelding } from './parse-mva-melding';
import { renderMvaMeldingXml } from './render-mva-melding';

/** XML 1.0 text: any character except the control characters XML forbids. */
const allowedInXml = (c: string) => {
  const code = c.codePointAt(0)!;
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code !== 0xfffe && code !== 0xffff);
};
const xmlText = (maxLength: number) =>
  fc.string({ unit: 'grapheme', maxLength }).map((s) => [...s].filter(allowedInXml).join(''));
const decimal = fc
  .tuple(
    fc.boolean(),
    fc.bigInt({ min: 0n, max: 10n ** 15n }),
    fc.option(fc.stringMatching(/^\d{1,2}$/), { nil: undefined }),
  )
  .map(([negative, units, fraction]) => `${negative ? '-' : ''}${units}${fraction ? `.${fraction}` : ''}`);
const merknad = fc.option(
  fc.oneof(
    xmlText(40).map((beskrivelse) => ({ beskrivelse })),
    xmlText(40).map((utvalgtMerknad) => ({ utvalgtMerknad })),
  ),
  { nil: undefined },
);

const linje: fc.Arbitrary<MvaLinje> = fc.record(
  {
    mvaKode: fc.constantFrom('1', '3', '5', '81', '86', '99'),
    spesifikasjon: fc.constantFrom('uttak', 'tapPåKrav', 'tilbakeføringAvInngåendeMerverdiavgift'),
    mvaKodeRegnskapsystem: xmlText(20),
    grunnlag: decimal,
    sats: fc.constantFrom('25', '15', '11,11', '0'),
    merverdiavgift: decimal,
    merknad: merknad.filter((m) => m !== undefined),
  },
  { requiredKeys: ['mvaKode', 'merverdiavgift'] },
);

const melding: fc.Arbitrary<MvaMelding> = fc
  .record(
    {
      regnskapssystemsreferanse: xmlText(60),
      regnskapssystem: fc.record(
        { systemnavn: xmlText(20), systemversjon: xmlText(10) },
        { requiredKeys: ['systemnavn'] },
      ),
      periode: fc.constantFrom(...TERM_TYPES.filter((t) => t !== 'uke')).chain((type) =>
        fc.record({
          type: fc.constant(type),
          value: fc.constantFrom(...termValues(type)),
          year: fc.integer({ min: 2000, max: 2099 }),
        }),
      ),
      fastsattMerverdiavgift: decimal,
      linjer: fc.array(linje, { maxLength: 5 }),
      kid: fc.stringMatching(/^\d{2,25}$/),
      orgnr: fc.stringMatching(/^\d{9}$/),
      identifikasjonsnummer: fc.stringMatching(/^\d{7}$/),
      meldingskategori: fc.constantFrom(
        'alminnelig',
        'primaernaering',
        'kompensasjon',
        'omvendtAvgiftsplikt',
        'eHandel',
      ),
      merknad: merknad.filter((m) => m !== undefined),
    },
    {
      requiredKeys: [
        'regnskapssystemsreferanse',
        'periode',
        'fastsattMerverdiavgift',
        'linjer',
        'meldingskategori',
      ],
    },
  )
  .map((m) => m as MvaMelding);

describe('JSON ⇄ XML', () => {
  it('parse(render(x)) gives x back for the fixture', () => {
    expect(parseMvaMelding(renderMvaMeldingXml(validMelding()))).toEqual({
      ok: true,
      melding: validMelding(),
    });
  });

  it('parse(render(x)) gives x back for any schema-valid melding, special characters included', () => {
    fc.assert(
      fc.property(melding, (m) => {
        expect(parseMvaMelding(renderMvaMeldingXml(m))).toEqual({ ok: true, melding: m });
      }),
      { numRuns: 150 },
    );
  });

  it('render(parse(official example)) is schema-valid and parses to the same melding', () => {
    for (const file of ['mvakode3.xml', 'mvakode81.xml', 'eksempelMedMerknader.xml']) {
      const first = parseMvaMelding(officialExample(file));
      if (!first.ok) throw new Error(file);
      expect(parseMvaMelding(renderMvaMeldingXml(first.melding))).toEqual(first);
    }
  });

  it('escapes markup in free text instead of emitting it', () => {
    const xml = renderMvaMeldingXml({ ...validMelding(), regnskapssystemsreferanse: '</innsending><x>&' });
    expect(xml).toContain('&lt;/innsending&gt;&lt;x&gt;&amp;');
    expect(parseMvaMelding(xml)).toEqual({
      ok: true,
      melding: { ...validMelding(), regnskapssystemsreferanse: '</innsending><x>&' },
    });
  });
});

describe('validateMvaMelding on arbitrary input', () => {
  const ctx = { today: '2025-07-15' };

  it('never throws on any string and always answers with a status', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const result = validateMvaMelding(s, ctx);
        expect(['GYLDIG_SKATTEMELDING', 'AVVIKENDE_SKATTEMELDING', 'UGYLDIG_SKATTEMELDING']).toContain(
          result.status,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on XML-like fragments spliced into a valid return', () => {
    const base = renderMvaMeldingXml(validMelding());
    const fragment = fc.oneof(
      fc.constantFrom(
        '<',
        '>',
        '&',
        '</mvaKode>',
        '<mvaKode>',
        '<![CDATA[',
        ']]>',
        '<!--',
        '-->',
        '<?x?>',
        '&#xD800;',
        'xmlns:a="b"',
        '"',
        '\u0000',
      ),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(fc.nat({ max: base.length }), fragment, (at, insert) => {
        const result = validateMvaMelding(base.slice(0, at) + insert + base.slice(at), ctx);
        expect(result.status).toEqual(expect.any(String));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on schema-valid returns with arbitrary content', () => {
    fc.assert(
      fc.property(melding, (m) => {
        const result = validateMvaMelding(renderMvaMeldingXml(m), ctx);
        expect(result.status).toEqual(expect.any(String));
      }),
      { numRuns: 150 },
    );
  });
});

describe('the JSON form from untrusted input', () => {
  it('accepts the fixture and every generated melding', () => {
    expect(parseMvaMeldingJson(JSON.parse(JSON.stringify(validMelding())))).toEqual({
      ok: true,
      melding: validMelding(),
    });
    fc.assert(
      fc.property(melding, (m) => expect(parseMvaMeldingJson(m)).toEqual({ ok: true, melding: m })),
      { numRuns: 100 },
    );
  });

  it('names every problem by its path and refuses unknown fields', () => {
    const bad = {
      ...validMelding(),
      fastsattMerverdiavgift: 2500,
      ekstra: true,
      linjer: [{ mvaKode: '3', merverdiavgift: '1,5' }],
    };
    const result = parseMvaMeldingJson(bad);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^fastsattMerverdiavgift: /),
          expect.stringMatching(/^linjer\.0\.merverdiavgift: /),
          expect.stringMatching(/ekstra/),
        ]),
      );
    }
    expect(parseMvaMeldingJson(null)).toEqual({ ok: false, issues: [expect.stringMatching(/^\(root\): /)] });
    expect(
      parseMvaMeldingJson({ ...validMelding(), periode: { type: 'kvartal', value: 'q1', year: 2025 } }).ok,
    ).toBe(false);
  });
});
