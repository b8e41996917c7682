import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { createGzip, type Gzip } from 'node:zlib';
import { generateCompanies } from '../fixtures/company-generator';
import { MAX_SYNTHETIC_COMPANIES } from '../fixtures/synthetic-orgnr';
import type { BrregLinks } from './brreg-links';
import { enhetJson } from './enhet-json';

/** The media type Brreg answers `/enheter/lastned` with: a gzipped JSON array of Enhet objects. */
export const FULL_DUMP_CONTENT_TYPE = 'application/vnd.brreg.enhetsregisteret.enhet.v2+gzip;charset=UTF-8';

/** Enough elements per chunk that stream overhead is negligible, small enough to stay constant memory. */
const CHUNK_CHARS = 64 * 1024;

export interface FullDumpRequest {
  seed: number;
  antall: number;
}

export type FullDumpQuery = Record<string, string | string[] | undefined>;

/**
 * `/enheter/lastned` over the seeded generator: `antall` companies of `seed` (by default the world's
 * own seed and size), each exactly the body `/enheter/{orgnr}` would send for it, generated while
 * the client reads, so memory stays flat for a million entities as for ten. Bankrupt companies and
 * ones under liquidation appear at the generator's rates.
 */
export class FullDump {
  constructor(
    private readonly defaults: FullDumpRequest,
    private readonly links: BrregLinks,
  ) {}

  /** Reads `antall` and `seed`; the message says what is wrong, as Brreg's 400 bodies do. */
  parse(query: FullDumpQuery): { ok: true; request: FullDumpRequest } | { ok: false; message: string } {
    const antall = wholeNumber(query['antall'], this.defaults.antall, MAX_SYNTHETIC_COMPANIES);
    if (antall === undefined) {
      return { ok: false, message: `antall må være et heltall fra 0 til ${MAX_SYNTHETIC_COMPANIES}` };
    }
    const seed = wholeNumber(query['seed'], this.defaults.seed, 2 ** 31 - 1);
    if (seed === undefined) return { ok: false, message: 'seed må være et ikke-negativt heltall' };
    return { ok: true, request: { seed, antall } };
  }

  /**
   * Same seed, size and link base give the same bytes, so a resuming client can tell a restarted
   * download of the same dump from a different one.
   */
  etag(request: FullDumpRequest): string {
    const base = createHash('sha256').update(this.links.api).digest('hex').slice(0, 12);
    return `"enheter-${request.seed}-${request.antall}-${base}"`;
  }

  /**
   * The gzipped body. Generation is pulled by gzip, which is pulled by the socket: backpressure end
   * to end. A client that hangs up destroys the whole chain, so an abandoned download stops generating.
   */
  stream(request: FullDumpRequest): Gzip {
    const source = Readable.from(this.chunks(request), { objectMode: false });
    const gzip = createGzip();
    gzip.once('close', () => source.destroy());
    return source.pipe(gzip);
  }

  private *chunks({ seed, antall }: FullDumpRequest): Generator<string> {
    let chunk = '[';
    let first = true;
    for (const company of generateCompanies(seed, antall)) {
      chunk += (first ? '' : ',') + JSON.stringify(enhetJson(company.enhet, this.links));
      first = false;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
    }
    yield `${chunk}]`;
  }
}

/** Accepts the vendor gzip type (any version), plain gzip or a wildcard, like the JSON routes do. */
export function acceptsBrregGzip(accept: string | undefined): boolean {
  if (!accept || accept.trim() === '') return true;
  return accept.split(',').some((part) => {
    const mediaType = part.split(';')[0]!.trim().toLowerCase();
    return (
      mediaType === '*/*' ||
      mediaType === 'application/*' ||
      mediaType === 'application/gzip' ||
      /^application\/vnd\.brreg\.enhetsregisteret\.enhet(\.v\d+)?\+gzip$/.test(mediaType)
    );
  });
}

function wholeNumber(raw: FullDumpQuery[string], fallback: number, max: number): number | undefined {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d{1,10}$/.test(raw)) return undefined;
  const value = Number(raw);
  return value <= max ? value : undefined;
}
