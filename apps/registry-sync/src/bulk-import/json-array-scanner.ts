import { ApierError } from '@apier/contracts';

/** One element of the top-level array, exactly as it appeared in the text. */
export interface RawRecord {
  /** 0-based position in the array. */
  index: number;
  text: string;
}

type State = 'before-array' | 'first-element' | 'next-element' | 'in-element' | 'after-element' | 'done';
type ElementKind = 'composite' | 'string' | 'literal';

const QUOTE = 0x22;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const BYTE_ORDER_MARK = 0xfeff;

const isWhitespace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** A record this long is a broken dump (an unterminated string swallowing the rest), not data. */
export const DEFAULT_MAX_RECORD_CHARS = 8 * 1024 * 1024;

/**
 * Splits a JSON array arriving in arbitrary chunks into the raw text of its elements, holding only
 * the unfinished element between chunks. It finds boundaries (strings, escapes, nesting) without
 * building values: each element is parsed on its own later, so a bad element is one bad record
 * while a broken array (no `[`, a missing comma, trailing data, an early end) stops the import.
 * Strings are skipped with `indexOf`, which is what makes this fast on Brreg's string-heavy records.
 */
export class JsonArrayScanner {
  private state: State = 'before-array';
  private kind: ElementKind = 'composite';
  private depth = 0;
  private inString = false;
  /** The chunk ended right after a backslash inside a string: the next character is escaped. */
  private escapePending = false;
  private pending = '';
  private index = 0;
  private consumed = 0;
  /** Next backslash at or after the scan position in the current chunk; -1 before the first look. */
  private backslashAt = -1;

  constructor(private readonly maxRecordChars = DEFAULT_MAX_RECORD_CHARS) {}

  /** Number of elements completed so far. */
  get recordCount(): number {
    return this.index;
  }

  push(chunk: string): RawRecord[] {
    const records: RawRecord[] = [];
    const n = chunk.length;
    let i = 0;
    let start = 0;
    this.backslashAt = -1;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      switch (this.state) {
        case 'before-array':
          if (isWhitespace(c) || (c === BYTE_ORDER_MARK && this.consumed + i === 0)) i++;
          else if (c === OPEN_BRACKET) {
            this.state = 'first-element';
            i++;
          } else throw this.invalid('The download is not a JSON array', i);
          break;
        case 'first-element':
        case 'next-element':
          if (isWhitespace(c)) i++;
          else if (c === CLOSE_BRACKET) {
            if (this.state === 'next-element')
              throw this.invalid('A comma is followed by the end of the array', i);
            this.state = 'done';
            i++;
          } else {
            start = i;
            this.state = 'in-element';
            this.kind =
              c === OPEN_BRACE || c === OPEN_BRACKET ? 'composite' : c === QUOTE ? 'string' : 'literal';
            // the element's first character is scanned (and kept) as part of it
            this.depth = 0;
            this.inString = false;
          }
          break;
        case 'in-element': {
          const end = this.kind === 'literal' ? literalEnd(chunk, i) : this.compositeEnd(chunk, i);
          if (end === -1) {
            this.keep(chunk.slice(start));
            i = n;
          } else {
            records.push({ index: this.index++, text: this.pending + chunk.slice(start, end) });
            this.pending = '';
            this.state = 'after-element';
            i = end;
          }
          break;
        }
        case 'after-element':
          if (isWhitespace(c)) i++;
          else if (c === COMMA) {
            this.state = 'next-element';
            i++;
          } else if (c === CLOSE_BRACKET) {
            this.state = 'done';
            i++;
          } else
            throw this.invalid(
              `Record ${this.index - 1} is not followed by a comma or the end of the array`,
              i,
            );
          break;
        case 'done':
          if (isWhitespace(c)) i++;
          else throw this.invalid('Data follows the end of the array', i);
          break;
      }
    }
    this.consumed += n;
    return records;
  }

  /** The input has ended: anything but a closed array is a truncated or broken download. */
  end(): void {
    if (this.state === 'done') return;
    const where = this.state === 'in-element' ? ` inside record ${this.index}` : '';
    throw this.invalid(`The download ends before its array is closed${where}`, 0);
  }

  /** Index just past the element's end in this chunk, or -1 when it goes on in the next one. */
  private compositeEnd(chunk: string, from: number): number {
    const n = chunk.length;
    let i = from;
    while (i < n) {
      if (this.inString) {
        if (this.escapePending) {
          this.escapePending = false;
          i++;
          continue;
        }
        const quote = chunk.indexOf('"', i);
        if (this.backslashAt !== Infinity && this.backslashAt < i) {
          const found = chunk.indexOf('\\', i);
          this.backslashAt = found === -1 ? Infinity : found;
        }
        if (quote === -1 && this.backslashAt === Infinity) return -1;
        if (quote === -1 || this.backslashAt < quote) {
          // an escape comes first: it takes the next character, which may be a quote
          i = this.backslashAt + 2;
          if (i > n) {
            this.escapePending = true;
            return -1;
          }
          continue;
        }
        this.inString = false;
        i = quote + 1;
        if (this.kind === 'string') return i;
        continue;
      }
      const c = chunk.charCodeAt(i++);
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
      else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --this.depth === 0) return i;
    }
    return -1;
  }

  private keep(text: string): void {
    this.pending += text;
    if (this.pending.length > this.maxRecordChars) {
      throw this.invalid(`Record ${this.index} is longer than ${this.maxRecordChars} characters`, 0);
    }
  }

  private invalid(message: string, offset: number): ApierError {
    return new ApierError('bulk_dump_invalid', message, {
      details: { character: this.consumed + offset, records_read: this.index },
    });
  }
}

/** A number or literal ends at whitespace, a comma or the array's close. */
function literalEnd(chunk: string, from: number): number {
  for (let i = from; i < chunk.length; i++) {
    const c = chunk.charCodeAt(i);
    if (isWhitespace(c) || c === COMMA || c === CLOSE_BRACKET) return i;
  }
  return -1;
}
