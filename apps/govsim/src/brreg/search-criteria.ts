import type { EnhetFacts, Kode, UnderenhetFacts } from '../fixtures/world-model';
import { DEFAULT_PAGE_SIZE, MAX_SEARCH_DEPTH, type PageRequest } from './hal-page';
import { isNineDigits } from './brreg-errors';

export type QueryInput = Record<string, string | string[] | undefined>;

export type Criteria<T> =
  | {
      ok: true;
      page: PageRequest;
      /** When set, only these numbers can match: looked up directly instead of scanning the world. */
      orgnrs?: string[];
      /** Likewise for sub-unit searches by parent. */
      parents?: string[];
      matches: (item: T) => boolean;
    }
  | { ok: false; message: string };

class InvalidQuery extends Error {}

/** Repeated parameters count like one comma-separated list, which is how Brreg documents them. */
function text(query: QueryInput, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  const joined = Array.isArray(value) ? value.join(',') : value;
  return joined.trim() === '' ? undefined : joined.trim();
}

function list(query: QueryInput, name: string): string[] | undefined {
  return text(query, name)
    ?.split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

function integer(query: QueryInput, name: string, min: number): number | undefined {
  const raw = text(query, name);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min)
    throw new InvalidQuery(`Ugyldig verdi for parameter ${name}: ${raw}`);
  return Number(raw);
}

function bool(query: QueryInput, name: string): boolean | undefined {
  const raw = text(query, name);
  if (raw === undefined) return undefined;
  if (raw !== 'true' && raw !== 'false')
    throw new InvalidQuery(`Ugyldig verdi for parameter ${name}: ${raw}`);
  return raw === 'true';
}

function orgnrList(query: QueryInput, name: string): string[] | undefined {
  const orgnrs = list(query, name);
  const bad = orgnrs?.find((n) => !isNineDigits(n));
  if (bad !== undefined) throw new InvalidQuery(`Ugyldig organisasjonsnummer: ${bad}`);
  return orgnrs ? [...new Set(orgnrs)].sort() : undefined;
}

function pageRequest(query: QueryInput): PageRequest {
  const page = integer(query, 'page', 0) ?? 0;
  const size = integer(query, 'size', 1) ?? DEFAULT_PAGE_SIZE;
  if (size > MAX_SEARCH_DEPTH || page * size > MAX_SEARCH_DEPTH) {
    throw new InvalidQuery(`Maks dybde (page*size) er ${MAX_SEARCH_DEPTH}`);
  }
  return { page, size };
}

function naeringMatches(codes: string[] | undefined, naeringer: (Kode | undefined)[]): boolean {
  return !codes || naeringer.some((n) => n !== undefined && codes.some((code) => n.kode.startsWith(code)));
}

function nameMatches(needle: string | undefined, navn: string): boolean {
  return needle === undefined || navn.toLowerCase().includes(needle.toLowerCase());
}

function parse<T>(build: () => Omit<Extract<Criteria<T>, { ok: true }>, 'ok'>): Criteria<T> {
  try {
    return { ok: true, ...build() };
  } catch (error) {
    if (error instanceof InvalidQuery) return { ok: false, message: error.message };
    throw error;
  }
}

/** The `/enheter` search parameters the simulator understands; others are ignored like unknown ones at Brreg. */
export function enhetCriteria(query: QueryInput): Criteria<EnhetFacts> {
  return parse(() => {
    const page = pageRequest(query);
    const orgnrs = orgnrList(query, 'organisasjonsnummer');
    const navn = text(query, 'navn');
    const former = list(query, 'organisasjonsform');
    const naeringskoder = list(query, 'naeringskode');
    const kommuner = list(query, 'kommunenummer');
    const overordnet = text(query, 'overordnetEnhet');
    const konkurs = bool(query, 'konkurs');
    const underAvvikling = bool(query, 'underAvvikling');
    const mva = bool(query, 'registrertIMvaregisteret');
    const fraAnsatte = integer(query, 'fraAntallAnsatte', 0);
    const tilAnsatte = integer(query, 'tilAntallAnsatte', 0);
    const matches = (e: EnhetFacts): boolean =>
      nameMatches(navn, e.navn) &&
      (!former || former.includes(e.organisasjonsform)) &&
      naeringMatches(naeringskoder, [e.naeringskode1, e.naeringskode2, e.naeringskode3]) &&
      (!kommuner || kommuner.includes(e.forretningsadresse?.kommunenummer ?? '')) &&
      (overordnet === undefined || e.overordnetEnhet === overordnet) &&
      (konkurs === undefined || e.konkurs === konkurs) &&
      (underAvvikling === undefined || e.underAvvikling === underAvvikling) &&
      (mva === undefined || e.registrertIMvaregisteret === mva) &&
      (fraAnsatte === undefined || (e.antallAnsatte ?? 0) >= fraAnsatte) &&
      (tilAnsatte === undefined || (e.antallAnsatte ?? 0) <= tilAnsatte);
    return { page, orgnrs, matches };
  });
}

export function underenhetCriteria(query: QueryInput): Criteria<UnderenhetFacts> {
  return parse(() => {
    const page = pageRequest(query);
    const orgnrs = orgnrList(query, 'organisasjonsnummer');
    const overordnet = orgnrList(query, 'overordnetEnhet');
    const navn = text(query, 'navn');
    const naeringskoder = list(query, 'naeringskode');
    const kommuner = list(query, 'kommunenummer');
    const matches = (u: UnderenhetFacts): boolean =>
      (!overordnet || overordnet.includes(u.overordnetEnhet)) &&
      nameMatches(navn, u.navn) &&
      naeringMatches(naeringskoder, [u.naeringskode1]) &&
      (!kommuner || kommuner.includes(u.beliggenhetsadresse?.kommunenummer ?? ''));
    return { page, orgnrs, parents: overordnet, matches };
  });
}
