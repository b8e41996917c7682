import { ApierError } from '@apier/contracts';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { JsonArrayScanner, type RawRecord } from './json-array-scanner';
import { dumpElements, dumpText } from './synthetic-dump.fixture';

/** Feeds `text` in pieces of `size` characters and collects every record. */
function scanInPieces(text: string, size: number): RawRecord[] {
  const scanner = new JsonArrayScanner();
  const records: RawRecord[] = [];
  for (let i = 0; i < text.length; i += size) records.push(...scanner.push(text.slice(i, i + size)));
  scanner.end();
  return records;
}

function scanError(text: string, size = text.length): ApierError {
  try {
    scanInPieces(text, size);
  } catch (error) {
    expect(error).toBeInstanceOf(ApierError);
    return error as ApierError;
  }
  throw new Error('expected the scan to fail');
}

describe('JsonArrayScanner', () => {
  it('returns every element’s exact text, whatever the chunk boundaries', () => {
    const text = dumpText(25);
    const expected = (JSON.parse(text) as unknown[]).map((value) => JSON.stringify(value));
    // 1 splits every escape, surrogate pair and nesting step; 7 and 4096 land anywhere
    for (const size of [1, 2, 3, 7, 64, 4096, text.length]) {
      const records = scanInPieces(text, size);
      expect(records.map((r) => r.text)).toEqual(expected);
      expect(records.map((r) => r.index)).toEqual(expected.map((_, i) => i));
    }
  });

  it('keeps escaped quotes, escaped backslashes and brackets inside strings out of the structure', () => {
    const tricky = [
      { a: 'quote \\" inside', b: '\\\\', c: '} ] { [', d: { e: [1, { f: '\\\\\\"' }] } },
      { navn: 'ends with backslash \\\\' },
      '"a string element"',
      '[1,[2,[3]]]',
      'null',
      '-12.5e3',
      'true',
    ];
    const elements = tricky.map((t) => (typeof t === 'string' ? t : JSON.stringify(t)));
    const text = ` \n[ ${elements.join(' ,\n\t')} ]\n `;
    for (const size of [1, 2, 5, text.length]) {
      expect(scanInPieces(text, size).map((r) => r.text)).toEqual(elements);
    }
  });

  it('handles an empty array, a byte-order mark and a chunk that ends right after a backslash', () => {
    expect(scanInPieces('[]', 1)).toEqual([]);
    expect(scanInPieces(' [ \n ] ', 1)).toEqual([]);
    expect(scanInPieces('\ufeff[{"a":1}]', 2).map((r) => r.text)).toEqual(['{"a":1}']);
    const scanner = new JsonArrayScanner();
    expect(scanner.push('[{"a":"x\\')).toEqual([]);
    expect(scanner.push('"y"}]')).toEqual([{ index: 0, text: '{"a":"x\\"y"}' }]);
    scanner.end();
  });

  it('refuses what is not one JSON array, naming where', () => {
    expect(scanError('{"a":1}').message).toMatch(/not a JSON array/);
    expect(scanError('[{"a":1} {"b":2}]').message).toMatch(/Record 0 is not followed by a comma/);
    expect(scanError('[{"a":1},]').message).toMatch(/comma is followed by the end/);
    expect(scanError('[{"a":1}] x').message).toMatch(/Data follows the end/);
    const truncated = scanError(dumpText(3).slice(0, -40), 10);
    expect(truncated.message).toMatch(/ends before its array is closed inside record 2/);
    expect(truncated).toMatchObject({ code: 'bulk_dump_invalid', details: { records_read: 2 } });
    expect(scanError('[{"a":"never closed').message).toMatch(/ends before/);
  });

  it('stops an unterminated string before it can eat the memory', () => {
    const scanner = new JsonArrayScanner(1_000);
    scanner.push('[{"a":"');
    expect(() => scanner.push('x'.repeat(2_000))).toThrow(/Record 0 is longer than 1000 characters/);
  });

  it('scans a large stream in bounded memory', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const scanner = new JsonArrayScanner();
    const before = heap();
    let peak = 0;
    let records = 0;
    let chunk = '[';
    let first = true;
    let fed = 0;
    // ~280 MB of JSON in 64 KiB chunks; holding it (or its records) would show as hundreds of MB
    for (const element of dumpElements(400_000)) {
      chunk += (first ? '' : ',') + element;
      first = false;
      if (chunk.length >= 65_536) {
        records += scanner.push(chunk).length;
        fed += chunk.length;
        chunk = '';
        if (records % 50_000 < 100) peak = Math.max(peak, heap() - before);
      }
    }
    records += scanner.push(`${chunk}]`).length;
    scanner.end();
    expect(records).toBe(400_000);
    expect(fed).toBeGreaterThan(200 * 1024 * 1024);
    expect(peak).toBeLessThan(16 * 1024 * 1024);
  }, 120_000);
});
