import { empty, json, type WireResponse } from '../http/wire-response';

const REASONS: Record<number, string> = { 400: 'Bad Request', 406: 'Not Acceptable' };

/** Brreg's error body is the Spring Boot default: timestamp, status, error, message, path. */
export function brregError(status: 400 | 406, message: string, path: string): WireResponse {
  return json(status, { timestamp: new Date().toISOString(), status, error: REASONS[status], message, path });
}

/** Brreg answers an unknown number with 404 and no body at all. */
export const NOT_FOUND = empty(404);

export function isNineDigits(orgnr: string): boolean {
  return /^\d{9}$/.test(orgnr);
}

export function invalidOrgnr(orgnr: string, path: string): WireResponse {
  return brregError(
    400,
    `Ugyldig organisasjonsnummer: ${orgnr}. Organisasjonsnummeret må bestå av 9 siffer.`,
    path,
  );
}

/**
 * Brreg versions its API by vendor media types; any of them, plain JSON or a wildcard is fine.
 * A request that accepts none of those gets 406 like from the real service.
 */
export function acceptsBrregJson(accept: string | undefined): boolean {
  if (!accept || accept.trim() === '') return true;
  return accept.split(',').some((part) => {
    const mediaType = part.split(';')[0]!.trim().toLowerCase();
    return (
      mediaType === '*/*' ||
      mediaType === 'application/*' ||
      mediaType === 'application/json' ||
      /^application\/vnd\.(brreg\.)?enhetsregisteret\.[a-z0-9.-]+\+json$/.test(mediaType)
    );
  });
}
