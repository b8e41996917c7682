import { officialExample } from '../testing/melding-fixture';
import { validateMvaMelding } from '../validate-mva-melding';
import { readXml } from './safe-xml';

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<mvaMeldingDto>&lol9;</mvaMeldingDto>`;

const XXE = `<?xml version="1.0"?>
<!DOCTYPE mvaMeldingDto [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<mvaMeldingDto xmlns="no:skatteetaten:fastsetting:avgift:mva:skattemeldingformerverdiavgift:v1.0">&xxe;</mvaMeldingDto>`;

describe('reading untrusted XML', () => {
  // Loads the schemas and code lists once, so the timing below measures the refusal alone.
  beforeAll(() => validateMvaMelding('<warm-up/>', { today: '2025-07-01' }));

  it('refuses a billion-laughs document without expanding anything', () => {
    const started = process.hrtime.bigint();
    const result = validateMvaMelding(BILLION_LAUGHS, { today: '2025-07-01' });
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(500);
    expect(result.status).toBe('UGYLDIG_SKATTEMELDING');
    expect(result.violations).toEqual([
      expect.objectContaining({
        ruleId: 'R001',
        path: '/',
        details: 'DOCTYPE and ENTITY declarations are not accepted',
      }),
    ]);
    expect(JSON.stringify(result)).not.toContain('lollol');
  });

  it('refuses an external entity (XXE) and never reads the file', () => {
    const result = validateMvaMelding(XXE, { today: '2025-07-01' });
    expect(result.violations.map((v) => v.ruleId)).toEqual(['R001']);
    expect(JSON.stringify(result)).not.toContain('root:');
  });

  it('refuses a DOCTYPE in any letter case and an ENTITY declaration on its own', () => {
    expect(readXml('<!doctype x><x/>')).toEqual({
      ok: false,
      problem: expect.objectContaining({ kind: 'doctype' }),
    });
    expect(readXml('<x><!ENTITY a "b"></x>')).toEqual({
      ok: false,
      problem: expect.objectContaining({ kind: 'doctype' }),
    });
  });

  it('refuses an entity reference that is not one of XML’s five', () => {
    expect(readXml('<x>&nbsp;</x>')).toEqual({
      ok: false,
      problem: expect.objectContaining({ kind: 'malformed' }),
    });
    expect(readXml('<x>a & b</x>')).toEqual({
      ok: false,
      problem: expect.objectContaining({ kind: 'malformed' }),
    });
    expect(readXml('<x>&#0;</x>')).toEqual({
      ok: false,
      problem: expect.objectContaining({ kind: 'malformed' }),
    });
  });

  it('decodes the predefined entities, character references and CDATA', () => {
    const result = readXml('<x>&lt;a&gt; &amp; &quot;&apos; &#65;&#x42; <![CDATA[<&>]]></x>');
    expect(result.ok && result.root.text).toBe('<a> & "\' AB <&>');
  });

  it('caps the size before parsing', () => {
    const big = `<x>${'a'.repeat(2000)}</x>`;
    expect(readXml(big, 1000)).toEqual({
      ok: false,
      problem: expect.objectContaining({ kind: 'too_large' }),
    });
    expect(
      validateMvaMelding(`<x>${'a'.repeat(3 * 1024 * 1024)}</x>`, { today: '2025-07-01' }).violations[0],
    ).toEqual(
      expect.objectContaining({ ruleId: 'R001', details: expect.stringContaining('bytes, more than') }),
    );
  });

  it('refuses malformed XML, several roots and undeclared prefixes with the line of the fault', () => {
    expect(readXml('<a>\n<b></a>')).toEqual({
      ok: false,
      problem: expect.objectContaining({ kind: 'malformed', line: 2 }),
    });
    expect(readXml('<a/><b/>').ok).toBe(false);
    expect(readXml('<p:a/>').ok).toBe(false);
    expect(readXml('').ok).toBe(false);
  });

  it('refuses elements nested beyond a sane depth', () => {
    const deep = `${'<a>'.repeat(100)}${'</a>'.repeat(100)}`;
    expect(readXml(deep)).toEqual({ ok: false, problem: expect.objectContaining({ kind: 'malformed' }) });
  });

  it('reads a document with a byte-order mark and CRLF line ends, keeping line numbers', () => {
    const xml = `\uFEFF${officialExample('mvakode3.xml', 2025).replace(/\n/g, '\r\n')}`;
    const result = readXml(xml);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.root.children[1]!.line).toBe(10);
    expect(validateMvaMelding(xml, { today: '2025-09-01' }).status).toBe('GYLDIG_SKATTEMELDING');
  });
});
