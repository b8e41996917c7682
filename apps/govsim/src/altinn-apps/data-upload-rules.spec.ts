import { filenameFromContentDisposition, mediaType } from './data-upload-rules';

describe('filenameFromContentDisposition', () => {
  it.each([
    ['attachment; filename=mvaMelding.xml', 'mvaMelding.xml'],
    ['attachment; filename="merknad til meldingen.pdf"', 'merknad til meldingen.pdf'],
    [`attachment; filename="x.pdf"; filename*=UTF-8''%C3%A6%C3%B8%C3%A5.pdf`, 'æøå.pdf'],
    ['attachment; filename="../../etc/passwd"', 'passwd'],
    ['attachment; filename=C:\\temp\\bilde.png', 'bilde.png'],
  ])('%s → %s', (header, name) => {
    expect(filenameFromContentDisposition(header)).toBe(name);
  });

  it.each([undefined, '', 'attachment', 'attachment; filename=""', 'attachment; filename=dir/'])(
    'finds no name in %p',
    (header) => {
      expect(filenameFromContentDisposition(header)).toBeNull();
    },
  );

  it('falls back to the plain name when filename* cannot be decoded', () => {
    expect(filenameFromContentDisposition(`attachment; filename="ok.pdf"; filename*=UTF-8''%E0%A4%A`)).toBe(
      'ok.pdf',
    );
  });
});

describe('mediaType', () => {
  it('drops parameters and case', () => {
    expect(mediaType('Text/XML; charset=UTF-8')).toBe('text/xml');
    expect(mediaType(undefined)).toBe('');
  });
});
