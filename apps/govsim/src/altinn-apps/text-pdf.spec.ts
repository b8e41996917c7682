import { textPdf } from './text-pdf';

describe('textPdf', () => {
  const pdf = textPdf('Kvittering (test)', ['Mottatt på Skøyen, Ålesund', 'back\\slash', '€ not in Latin-1']);
  const text = pdf.toString('latin1');

  it('writes a cross-reference table whose offsets point at the objects', () => {
    const xrefAt = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
    expect(text.slice(xrefAt, xrefAt + 5)).toBe('xref\n');
    const entries = [...text.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(entries).toHaveLength(5);
    entries.forEach((offset, i) => expect(text.slice(offset).startsWith(`${i + 1} 0 obj\n`)).toBe(true));
    expect(text).toContain('trailer\n<< /Size 6 /Root 1 0 R >>');
  });

  it('declares the exact length of the content stream', () => {
    const match = /<< \/Length (\d+) >>\nstream\n([\s\S]*?)\nendstream/.exec(text)!;
    expect(Buffer.byteLength(match[2]!, 'latin1')).toBe(Number(match[1]));
  });

  it('escapes PDF string syntax and writes Norwegian letters as WinAnsi codes', () => {
    expect(text).toContain('(Kvittering \\(test\\)) Tj');
    expect(text).toContain('(Mottatt p\\345 Sk\\370yen, \\305lesund)');
    expect(text).toContain('(back\\\\slash)');
    expect(text).toContain('(? not in Latin-1)');
  });

  it('cuts lines that would run off the page', () => {
    const long = textPdf('t', ['x'.repeat(500)]).toString('latin1');
    expect(long).toContain(`(${'x'.repeat(90)})`);
    expect(long).not.toContain('x'.repeat(91));
  });
});
