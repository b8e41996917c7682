import { ApierError } from '@apier/contracts';
import { StringDecoder } from 'node:string_decoder';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { JsonArrayScanner, type RawRecord } from './json-array-scanner';

/**
 * Streams a gzipped JSON array: gunzip → UTF-8 decoding (characters split across chunks are held
 * back) → the array scanner → `handle` per chunk's worth of records. `handle` is awaited, so a slow
 * consumer slows the download instead of filling memory. Resolves with the number of records.
 */
export async function scanGzippedArray(
  body: AsyncIterable<Buffer>,
  handle: (records: RawRecord[]) => Promise<void> | void,
  onCompressedBytes: (bytes: number) => void = () => undefined,
): Promise<number> {
  const scanner = new JsonArrayScanner();
  try {
    await pipeline(
      body,
      async function* countCompressed(chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          onCompressedBytes(chunk.length);
          yield chunk;
        }
      },
      createGunzip(),
      async (text: AsyncIterable<Buffer>) => {
        const decoder = new StringDecoder('utf8');
        for await (const chunk of text) {
          const records = scanner.push(decoder.write(chunk));
          if (records.length > 0) await handle(records);
        }
        const rest = scanner.push(decoder.end());
        if (rest.length > 0) await handle(rest);
        scanner.end();
      },
    );
  } catch (error) {
    throw isZlibError(error)
      ? new ApierError('bulk_dump_invalid', `The download is not a complete gzip stream (${error.message})`, {
          details: { records_read: scanner.recordCount },
          cause: error,
        })
      : error;
  }
  return scanner.recordCount;
}

/** By its code, not its class: zlib's errors may come from another realm (jest's sandbox). */
function isZlibError(error: unknown): error is Error & { code: string } {
  const code: unknown =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('Z_');
}
