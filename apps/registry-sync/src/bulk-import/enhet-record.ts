import { checkOrgnr } from '@apier/contracts';
import { createHash } from 'node:crypto';
import type { RawRecord } from './json-array-scanner';

/** A dump element ready to become a `brreg/enhet` snapshot. */
export interface EnhetRow {
  index: number;
  orgnr: string;
  navn: string;
  /** SHA-256 of the element's text, as the live fetch hashes the body of `/enheter/{orgnr}`. */
  contentHash: string;
  /** The element's JSON text, stored as the snapshot payload. */
  json: string;
}

export interface MalformedRecord {
  index: number;
  reason: string;
}

export type RecordVerdict = { ok: true; row: EnhetRow } | { ok: false; malformed: MalformedRecord };

/** Deleted units stay in the register with a reduced body; both are answered with 200 by `/enheter/{orgnr}`. */
const RESPONSE_CLASSES = new Set(['Enhet', 'SlettetEnhet']);

/** Unpaired surrogates: valid in JSON escapes, refused by Postgres `jsonb` (as NUL is). */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = (text: string) => text.includes('\0') || UNPAIRED_SURROGATE.test(text);

/**
 * Checks one element the way the context needs it: a JSON object for a main unit with a valid
 * organisation number and a name. Anything else is reported by its index and never written.
 */
export function readEnhetRecord(record: RawRecord): RecordVerdict {
  const bad = (reason: string): RecordVerdict => ({ ok: false, malformed: { index: record.index, reason } });
  let value: unknown;
  try {
    value = JSON.parse(record.text);
  } catch (error) {
    return bad(`not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('not a JSON object');
  const enhet = value as Record<string, unknown>;
  const orgnr = enhet['organisasjonsnummer'];
  if (typeof orgnr !== 'string') return bad('organisasjonsnummer is missing');
  const verdict = checkOrgnr(orgnr);
  if (!verdict.valid)
    return bad(`organisasjonsnummer ${JSON.stringify(orgnr).slice(0, 24)}: ${verdict.reason}`);
  const navn = enhet['navn'];
  if (typeof navn !== 'string' || navn.trim() === '') return bad(`${orgnr}: navn is missing`);
  const klasse = enhet['respons_klasse'];
  if (klasse !== undefined && !RESPONSE_CLASSES.has(klasse as string)) {
    return bad(`${orgnr}: respons_klasse ${JSON.stringify(klasse).slice(0, 24)} is not a main unit`);
  }
  // Only escapes can produce what jsonb refuses; raw UTF-8 never does, so most records skip the walk.
  if (record.text.includes('\\u') && !storable(value)) {
    return bad(`${orgnr}: contains a NUL character or an unpaired surrogate, which Postgres cannot store`);
  }
  return {
    ok: true,
    row: {
      index: record.index,
      orgnr,
      navn,
      contentHash: createHash('sha256').update(record.text).digest('hex'),
      json: record.text,
    },
  };
}

function storable(value: unknown): boolean {
  if (typeof value === 'string') return !unstorable(value);
  if (Array.isArray(value)) return value.every(storable);
  if (value && typeof value === 'object') {
    return Object.entries(value).every(([key, inner]) => !unstorable(key) && storable(inner));
  }
  return true;
}
