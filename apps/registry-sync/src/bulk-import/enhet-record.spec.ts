import { createHash } from 'node:crypto';
import { copyField } from './copy-text';
import { readEnhetRecord } from './enhet-record';
import { syntheticEnhet } from './synthetic-dump.fixture';

const read = (text: string, index = 3) => readEnhetRecord({ index, text });
const reason = (text: string) => {
  const verdict = read(text);
  if (verdict.ok) throw new Error(`expected ${text} to be malformed`);
  expect(verdict.malformed.index).toBe(3);
  return verdict.malformed.reason;
};

describe('readEnhetRecord', () => {
  it('turns a valid Enhet into a row whose hash is over the exact text', () => {
    const text = JSON.stringify(syntheticEnhet('315678420', 1));
    const verdict = read(text);
    expect(verdict).toEqual({
      ok: true,
      row: {
        index: 3,
        orgnr: '315678420',
        navn: 'SYNTETISK 1 "BLÅBÆR" \\ AS',
        contentHash: createHash('sha256').update(text).digest('hex'),
        json: text,
      },
    });
  });

  it('accepts a deleted unit’s reduced body', () => {
    const text = JSON.stringify({
      respons_klasse: 'SlettetEnhet',
      organisasjonsnummer: '315678420',
      navn: 'GAMMEL AS',
      slettedato: '2025-06-01',
    });
    expect(read(text).ok).toBe(true);
  });

  it('names what is wrong with a malformed record', () => {
    expect(reason('{"organisasjonsnummer": "3156784')).toMatch(/^not valid JSON/);
    expect(reason('[1,2]')).toBe('not a JSON object');
    expect(reason('"text"')).toBe('not a JSON object');
    expect(reason('{"navn":"X"}')).toBe('organisasjonsnummer is missing');
    expect(reason('{"organisasjonsnummer":"315678421","navn":"X"}')).toMatch(/315678421.*MOD11/);
    expect(reason('{"organisasjonsnummer":"12345","navn":"X"}')).toMatch(/nine digits/);
    expect(reason('{"organisasjonsnummer":"315678420","navn":"  "}')).toBe('315678420: navn is missing');
    expect(reason('{"organisasjonsnummer":"315678420","navn":"X","respons_klasse":"Underenhet"}')).toMatch(
      /not a main unit/,
    );
  });

  it('refuses what JSON allows but Postgres jsonb cannot store, and keeps what it can', () => {
    expect(reason('{"organisasjonsnummer":"315678420","navn":"A\\u0000B"}')).toMatch(/NUL character/);
    expect(reason('{"organisasjonsnummer":"315678420","navn":"A\\ud800B"}')).toMatch(/unpaired surrogate/);
    expect(read('{"organisasjonsnummer":"315678420","navn":"\\ud83d\\ude80 \\u00e6 \\\\u0000"}').ok).toBe(
      true,
    );
  });
});

describe('copyField', () => {
  it('escapes exactly what COPY text format treats specially', () => {
    expect(copyField('plain {"a":"b"}')).toBe('plain {"a":"b"}');
    expect(copyField('a\\b\nc\rd\te')).toBe('a\\\\b\\nc\\rd\\te');
  });
});
