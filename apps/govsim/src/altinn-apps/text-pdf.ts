const MAX_LINE_CHARS = 90;

/**
 * PDF string literal: backslash, parentheses escaped; Latin-1 letters (æøå) as octal codes, which
 * WinAnsiEncoding maps to the same glyphs; anything else becomes '?'.
 */
function pdfString(text: string): string {
  let out = '';
  for (const char of text.slice(0, MAX_LINE_CHARS)) {
    const code = char.codePointAt(0)!;
    if (char === '\\' || char === '(' || char === ')') out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (code >= 0xa0 && code <= 0xff) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += '?';
  }
  return `(${out})`;
}

/**
 * A one-page A4 PDF 1.4 with the given lines in Helvetica: just enough of the format for any PDF
 * reader (cross-reference table with exact byte offsets), no dependencies.
 */
export function textPdf(title: string, lines: string[]): Buffer {
  const text = [
    'BT',
    '/F1 16 Tf 56 780 Td 22 TL',
    `${pdfString(title)} Tj`,
    '/F1 11 Tf 16 TL T*',
    ...lines.map((line) => `${pdfString(line)} ' `),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
