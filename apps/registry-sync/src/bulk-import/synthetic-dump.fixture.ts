import { mod11CheckDigit } from '@apier/contracts';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';

/** Valid organisation numbers in 4xxxxxxxx, a range neither govsim's fixtures nor its generator use. */
export function* syntheticOrgnrs(): Generator<string> {
  for (let head = 0; head < 10_000_000; head++) {
    const firstEight = `4${String(head).padStart(7, '0')}`;
    const check = mod11CheckDigit(firstEight);
    if (check !== null) yield `${firstEight}${check}`;
  }
}

/** An Enhet in the wire shape, with the features a parser must survive: nesting, escapes, non-ASCII. */
export function syntheticEnhet(orgnr: string, n: number): Record<string, unknown> {
  return {
    organisasjonsnummer: orgnr,
    navn: `SYNTETISK ${n} "BLÅBÆR" \\ AS`,
    organisasjonsform: {
      kode: 'AS',
      beskrivelse: 'Aksjeselskap',
      _links: { self: { href: 'https://data.brreg.no/enhetsregisteret/api/organisasjonsformer/AS' } },
    },
    forretningsadresse: {
      land: 'Norge',
      landkode: 'NO',
      postnummer: '0191',
      poststed: 'OSLO',
      adresse: [`Gate ${n}`, 'c/o {x} [y]'],
      kommune: 'OSLO',
      kommunenummer: '0301',
    },
    registrertIMvaregisteret: n % 3 === 0,
    antallAnsatte: n % 50,
    konkurs: n % 97 === 0,
    aktivitet: ['Line one\nline two\ttabbed', 'emoji 🚀 and \u00e6\u00f8\u00e5'],
    respons_klasse: 'Enhet',
    _links: { self: { href: `https://data.brreg.no/enhetsregisteret/api/enheter/${orgnr}` } },
  };
}

/** The JSON text of `count` records; `replace` swaps chosen indexes for raw text (malformed records). */
export function* dumpElements(count: number, replace: Map<number, string> = new Map()): Generator<string> {
  const orgnrs = syntheticOrgnrs();
  for (let i = 0; i < count; i++) {
    const orgnr = orgnrs.next().value as string;
    yield replace.get(i) ?? JSON.stringify(syntheticEnhet(orgnr, i));
  }
}

export function dumpText(count: number, replace?: Map<number, string>): string {
  return `[${[...dumpElements(count, replace)].join(',')}]`;
}

export function gzippedDump(count: number, replace?: Map<number, string>): Buffer {
  return gzipSync(dumpText(count, replace));
}

/** Writes a large dump without holding it in memory. */
export async function writeGzippedDump(path: string, count: number): Promise<void> {
  async function* text(): AsyncGenerator<string> {
    yield '[';
    let first = true;
    let chunk = '';
    for (const element of dumpElements(count)) {
      chunk += (first ? '' : ',') + element;
      first = false;
      if (chunk.length > 65_536) {
        yield chunk;
        chunk = '';
      }
    }
    yield `${chunk}]`;
  }
  await pipeline(Readable.from(text()), createGzip({ level: 1 }), createWriteStream(path));
}
