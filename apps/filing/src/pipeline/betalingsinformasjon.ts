import { ApierError } from '@apier/contracts';
import { XMLParser } from 'fast-xml-parser';

/** The payment information Skatteetaten writes when a return is delivered (reference §3.6). */
export interface Betalingsinformasjon {
  innsendingsreferanse: string | null;
  kid: string | null;
  beloep: string | null;
  betalingsfrist: string | null;
}

const MAX_BYTES = 256 * 1024;

const parser = new XMLParser({
  removeNSPrefix: true,
  parseTagValue: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignoreAttributes: true,
});

/** Reads the fields Apier keeps; a document type declaration or an oversized file is refused. */
export function readBetalingsinformasjon(xml: string): Betalingsinformasjon {
  if (Buffer.byteLength(xml, 'utf8') > MAX_BYTES || /<!DOCTYPE|<!ENTITY/i.test(xml)) throw unusable();
  let root: unknown;
  try {
    root = (parser.parse(xml) as Record<string, unknown>)['betalingsinformasjon'];
  } catch {
    throw unusable();
  }
  if (typeof root !== 'object' || root === null) throw unusable();
  const field = (name: string) => {
    const value = (root as Record<string, unknown>)[name];
    return typeof value === 'string' && value.trim() ? value.trim() : null;
  };
  return {
    innsendingsreferanse: field('innsendingsreferanse'),
    kid: field('kundeidentifikasjonsnummer'),
    beloep: field('beloep'),
    betalingsfrist: field('betalingsfrist'),
  };
}

function unusable(): ApierError {
  return new ApierError('upstream_bad_response', 'Altinn’s betalingsinformasjon is unreadable', {
    retryable: false,
    details: { upstream: 'altinn' },
  });
}
