import type { GovsimWorld, RegistryUpdate, UpdateFeedKind } from '../fixtures/govsim-world';
import { json, type WireResponse } from '../http/wire-response';
import { brregError, isNineDigits } from './brreg-errors';
import type { BrregLinks } from './brreg-links';
import type { BrregRequest } from './brreg-registry';
import { DEFAULT_PAGE_SIZE, halPage, pageHref, type PageRequest } from './hal-page';
import type { QueryInput } from './search-criteria';

/** The feed accepts at most this many entries per page. */
export const MAX_UPDATE_PAGE_SIZE = 10_000;

const EMBEDDED: Record<UpdateFeedKind, string> = {
  enheter: 'oppdaterteEnheter',
  underenheter: 'oppdaterteUnderenheter',
};
const ITEM_LINK: Record<UpdateFeedKind, 'enhet' | 'underenhet'> = {
  enheter: 'enhet',
  underenheter: 'underenhet',
};
const DATO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

interface FeedQuery {
  dato?: string;
  oppdateringsid?: number;
  orgnrs?: Set<string>;
  includeChanges: boolean;
  descending: boolean;
  page: PageRequest;
}

class InvalidFeedQuery extends Error {}

function text(query: QueryInput, name: string): string | undefined {
  const value = query[name];
  const joined = Array.isArray(value) ? value.join(',') : value;
  return joined === undefined || joined.trim() === '' ? undefined : joined.trim();
}

function integer(query: QueryInput, name: string, min: number): number | undefined {
  const raw = text(query, name);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min) {
    throw new InvalidFeedQuery(`Ugyldig verdi for parameter ${name}: ${raw}`);
  }
  return Number(raw);
}

function parseFeedQuery(query: QueryInput): FeedQuery {
  const dato = text(query, 'dato');
  if (dato !== undefined && (!DATO.test(dato) || Number.isNaN(Date.parse(dato)))) {
    throw new InvalidFeedQuery(
      `Ugyldig verdi for parameter dato: ${dato}. Forventet format yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`,
    );
  }
  const orgnrs = text(query, 'organisasjonsnummer')
    ?.split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  const bad = orgnrs?.find((n) => !isNineDigits(n));
  if (bad !== undefined) throw new InvalidFeedQuery(`Ugyldig organisasjonsnummer: ${bad}`);
  const includeChanges = text(query, 'includeChanges');
  if (includeChanges !== undefined && includeChanges !== 'true' && includeChanges !== 'false') {
    throw new InvalidFeedQuery(`Ugyldig verdi for parameter includeChanges: ${includeChanges}`);
  }
  const size = integer(query, 'size', 1) ?? DEFAULT_PAGE_SIZE;
  if (size > MAX_UPDATE_PAGE_SIZE) {
    throw new InvalidFeedQuery(`Ugyldig verdi for parameter size: ${size}. Maks er ${MAX_UPDATE_PAGE_SIZE}`);
  }
  return {
    dato,
    oppdateringsid: integer(query, 'oppdateringsid', 1),
    orgnrs: orgnrs ? new Set(orgnrs) : undefined,
    includeChanges: includeChanges === 'true',
    descending: sortDescending(text(query, 'sort')),
    page: { page: integer(query, 'page', 0) ?? 0, size },
  };
}

/** Sorting is by id only: `ASC`, `DESC`, `oppdateringsid` or `oppdateringsid,DESC`. */
function sortDescending(sort: string | undefined): boolean {
  if (sort === undefined) return false;
  const [first = '', second] = sort.split(',').map((p) => p.trim().toLowerCase());
  const direction = first === 'oppdateringsid' ? (second ?? 'asc') : second === undefined ? first : '';
  if (direction !== 'asc' && direction !== 'desc') {
    throw new InvalidFeedQuery(`Ugyldig verdi for parameter sort: ${sort}`);
  }
  return direction === 'desc';
}

/**
 * `/oppdateringer/enheter` and `/oppdateringer/underenheter`: the world's change log as a HAL page.
 * `dato` and `oppdateringsid` are both inclusive lower bounds, so a consumer resumes with the last
 * id it saw plus one. Removed units carry no link, since following it would only give 410.
 */
export function updateFeedPage(
  world: GovsimWorld,
  links: BrregLinks,
  kind: UpdateFeedKind,
  query: QueryInput,
  request: BrregRequest,
): WireResponse {
  let parsed: FeedQuery;
  try {
    parsed = parseFeedQuery(query);
  } catch (error) {
    if (error instanceof InvalidFeedQuery) return brregError(400, error.message, request.path);
    throw error;
  }
  const fromTime = parsed.dato === undefined ? undefined : Date.parse(parsed.dato);
  const matching = world
    .updateFeed(kind)
    .filter(
      (u) =>
        (parsed.oppdateringsid === undefined || u.oppdateringsid >= parsed.oppdateringsid) &&
        (fromTime === undefined || Date.parse(u.dato) >= fromTime) &&
        (parsed.orgnrs === undefined || parsed.orgnrs.has(u.organisasjonsnummer)),
    );
  if (parsed.descending) matching.reverse();
  const { page, size } = parsed.page;
  const items = matching
    .slice(page * size, page * size + size)
    .map((u) => updateJson(u, kind, links, parsed.includeChanges));
  const queryStart = request.url.indexOf('?');
  const params = new URLSearchParams(queryStart === -1 ? '' : request.url.slice(queryStart + 1));
  return json(
    200,
    halPage(EMBEDDED[kind], items, matching.length, parsed.page, {
      self: links.forRequest(request.url),
      page: (number) => pageHref(`${links.api}/oppdateringer/${kind}`, params, parsed.page, number),
    }),
  );
}

function updateJson(
  update: RegistryUpdate,
  kind: UpdateFeedKind,
  links: BrregLinks,
  includeChanges: boolean,
): Record<string, unknown> {
  const { oppdateringsid, dato, organisasjonsnummer, endringstype } = update;
  const linkName = ITEM_LINK[kind];
  const href =
    linkName === 'enhet' ? links.enhet(organisasjonsnummer) : links.underenhet(organisasjonsnummer);
  return {
    oppdateringsid,
    dato,
    organisasjonsnummer,
    endringstype,
    ...(endringstype === 'Fjernet' ? {} : { _links: { [linkName]: { href } } }),
    ...(includeChanges && update.endringer.length > 0 ? { endringer: update.endringer } : {}),
  };
}
