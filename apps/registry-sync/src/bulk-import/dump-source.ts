import { ApierError } from '@apier/contracts';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';

/** Bytes of the download's start that go into its identity. */
export const FINGERPRINT_BYTES = 64 * 1024;

/** An opened download: its compressed bytes and what identifies it across restarts. */
export interface DumpSource {
  /** Safe to log and store: no credentials, no query. */
  label: string;
  /**
   * Changes whenever the content may have: ETag, length, Last-Modified and a hash of the first
   * bytes for a URL; size, first bytes and the gzip trailer (CRC-32 and length of the whole
   * content) for a file.
   */
  identity: string;
  /** True when the identity rests on more than the first bytes, so a resume can trust it. */
  identityIsStrong: boolean;
  /** Compressed size when known (a file, or a URL with Content-Length): enables the ETA. */
  totalBytes: number | undefined;
  body: AsyncIterable<Buffer>;
  /** Stops the download early (an error elsewhere ended the import). */
  close(): void;
}

/** A URL with its credentials and query removed, for logs, provenance and the checkpoint. */
export function safeLabel(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

export async function openFile(path: string): Promise<DumpSource> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new ApierError('bulk_dump_invalid', `Cannot read the file ${path}`, {
      details: { reason: (error as NodeJS.ErrnoException).code ?? 'unreadable' },
      cause: error,
    });
  }
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, FINGERPRINT_BYTES));
    await handle.read(head, 0, head.length, 0);
    const trailer = Buffer.alloc(Math.min(size, 8));
    await handle.read(trailer, 0, trailer.length, size - trailer.length);
    const stream = createReadStream(path, { highWaterMark: 64 * 1024 });
    return {
      label: path,
      identity: ['file', size, sha256(head), trailer.toString('hex')].join('|'),
      identityIsStrong: true,
      totalBytes: size,
      body: stream,
      close: () => stream.destroy(),
    };
  } finally {
    await handle.close();
  }
}

/**
 * GETs the download. The idle timeout aborts a transfer that stops sending (a whole-transfer
 * timeout would cut off a large, healthy download).
 */
export async function openUrl(url: URL, idleTimeoutMs: number): Promise<DumpSource> {
  const abort = new AbortController();
  let idle = setTimeout(() => abort.abort(), idleTimeoutMs);
  const touch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => abort.abort(), idleTimeoutMs);
  };
  let response: Response;
  try {
    response = await fetch(url, {
      headers: {
        accept: 'application/vnd.brreg.enhetsregisteret.enhet.v2+gzip;charset=UTF-8, application/gzip;q=0.9',
      },
      signal: abort.signal,
    });
  } catch (error) {
    clearTimeout(idle);
    throw unavailable(
      url,
      abort.signal.aborted ? `no answer within ${idleTimeoutMs} ms` : 'unreachable',
      error,
    );
  }
  if (!response.ok || !response.body) {
    clearTimeout(idle);
    await response.body?.cancel();
    const code =
      response.status >= 500 || response.status === 429 ? 'upstream_unavailable' : 'upstream_bad_response';
    throw new ApierError(code, `${safeLabel(url)} answered ${response.status}`, {
      details: { status: response.status },
    });
  }
  const chunks = Readable.fromWeb(response.body as Parameters<typeof Readable.fromWeb>[0]);
  async function* watched(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of chunks) {
        touch();
        yield chunk as Buffer;
      }
    } catch (error) {
      throw abort.signal.aborted
        ? unavailable(url, `the download stalled for ${idleTimeoutMs} ms`, error)
        : unavailable(url, 'the download broke off', error);
    } finally {
      clearTimeout(idle);
    }
  }
  const { head, rest } = await peek(watched(), FINGERPRINT_BYTES);
  const etag = response.headers.get('etag');
  const length = response.headers.get('content-length');
  const lastModified = response.headers.get('last-modified');
  return {
    label: safeLabel(url),
    identity: ['url', url.href, etag, length, lastModified, sha256(head)].join('|'),
    identityIsStrong: Boolean(etag || length || lastModified),
    totalBytes: length ? Number(length) : undefined,
    body: rest,
    close: () => {
      clearTimeout(idle);
      abort.abort();
    },
  };
}

function unavailable(url: URL, reason: string, cause: unknown): ApierError {
  return new ApierError('upstream_unavailable', `${safeLabel(url)}: ${reason}`, {
    details: { upstream: url.host },
    cause,
  });
}

/** Reads at least `bytes` (or all there is) off the front, and gives back a body that replays them. */
async function peek(
  body: AsyncIterable<Buffer>,
  bytes: number,
): Promise<{ head: Buffer; rest: AsyncIterable<Buffer> }> {
  const iterator = body[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let size = 0;
  let finished = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) {
      finished = true;
      break;
    }
    taken.push(next.value);
    size += next.value.length;
  }
  async function* rest(): AsyncGenerator<Buffer> {
    try {
      yield* taken;
      if (finished) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.();
    }
  }
  return { head: Buffer.concat(taken).subarray(0, bytes), rest: rest() };
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
