import type { GovsimWorld, UpdateFeedKind } from '../fixtures/govsim-world';
import type { EnhetFacts, GovsimCompany, UnderenhetFacts } from '../fixtures/world-model';
import { json, type WireResponse } from '../http/wire-response';
import { brregError, invalidOrgnr, isNineDigits, NOT_FOUND } from './brreg-errors';
import type { BrregLinks } from './brreg-links';
import {
  enhetJson,
  fjernetJson,
  slettetEnhetJson,
  slettetUnderenhetJson,
  underenhetJson,
} from './enhet-json';
import { halPage, pageHref, type PageRequest } from './hal-page';
import { rollerJson } from './roller-json';
import { updateFeedPage } from './update-feed';
import { enhetCriteria, type QueryInput, underenhetCriteria } from './search-criteria';

/** The request as the registry needs it for links and error bodies. */
export interface BrregRequest {
  /** Path and query as received, e.g. `/enhetsregisteret/api/enheter?navn=x`. */
  url: string;
  path: string;
}

/**
 * Enhetsregisteret's open API over the simulated world, with Brreg's status semantics: 200 for
 * active and deleted units (different bodies), 410 for removed ones, 404 without a body for
 * numbers that never existed, 400 for anything that is not nine digits. Like Brreg, lookups do not
 * check MOD11.
 */
export class BrregRegistry {
  constructor(
    private readonly world: GovsimWorld,
    private readonly links: BrregLinks,
  ) {}

  enhet(orgnr: string, request: BrregRequest): WireResponse {
    if (!isNineDigits(orgnr)) return invalidOrgnr(orgnr, request.path);
    const company = this.world.company(orgnr);
    if (!company) return NOT_FOUND;
    if (company.registerStatus === 'fjernet') return json(410, fjernetJson(orgnr, company.slettedato));
    if (company.registerStatus === 'slettet') return json(200, slettetEnhetJson(company, this.links));
    return json(200, enhetJson(company.enhet, this.links));
  }

  roller(orgnr: string, request: BrregRequest): WireResponse {
    if (!isNineDigits(orgnr)) return invalidOrgnr(orgnr, request.path);
    const company = this.world.company(orgnr);
    if (!company) return NOT_FOUND;
    if (company.registerStatus === 'fjernet') return json(410, fjernetJson(orgnr, company.slettedato));
    return json(
      200,
      rollerJson(company, this.links, (holder) => this.isSlettet(holder)),
    );
  }

  underenhet(orgnr: string, request: BrregRequest): WireResponse {
    if (!isNineDigits(orgnr)) return invalidOrgnr(orgnr, request.path);
    const found = this.world.underenhet(orgnr);
    if (!found) return NOT_FOUND;
    const { underenhet, parent } = found;
    // A sub-unit cannot outlive its main unit: it shares the parent's fate.
    if (parent.registerStatus === 'fjernet') return json(410, fjernetJson(orgnr, parent.slettedato));
    if (parent.registerStatus === 'slettet') {
      return json(200, slettetUnderenhetJson(underenhet, parent.slettedato, this.links));
    }
    return json(200, underenhetJson(underenhet, this.links));
  }

  /** Search over active main units; deleted and removed ones are not listed, as at Brreg. */
  searchEnheter(query: QueryInput, request: BrregRequest): WireResponse {
    const criteria = enhetCriteria(query);
    if (!criteria.ok) return brregError(400, criteria.message, request.path);
    const candidates: Iterable<GovsimCompany> = criteria.orgnrs
      ? this.companies(criteria.orgnrs)
      : this.world.all();
    const active = mapIterable(candidates, (c) => (c.registerStatus === 'aktiv' ? c.enhet : undefined));
    const { items, total } = slice<EnhetFacts>(active, criteria.matches, criteria.page);
    return json(
      200,
      halPage(
        'enheter',
        items.map((e) => enhetJson(e, this.links)),
        total,
        criteria.page,
        this.hrefs('/enheter', request, criteria.page),
      ),
    );
  }

  searchUnderenheter(query: QueryInput, request: BrregRequest): WireResponse {
    const criteria = underenhetCriteria(query);
    if (!criteria.ok) return brregError(400, criteria.message, request.path);
    let candidates: Iterable<UnderenhetFacts>;
    if (criteria.orgnrs) {
      candidates = criteria.orgnrs.flatMap((n) => {
        const found = this.world.underenhet(n);
        return found && found.parent.registerStatus === 'aktiv' ? [found.underenhet] : [];
      });
    } else {
      const parents = criteria.parents ? this.companies(criteria.parents) : this.world.all();
      candidates = flatMapIterable(parents, (p) => (p.registerStatus === 'aktiv' ? p.underenheter : []));
    }
    const { items, total } = slice(candidates, criteria.matches, criteria.page);
    return json(
      200,
      halPage(
        'underenheter',
        items.map((u) => underenhetJson(u, this.links)),
        total,
        criteria.page,
        this.hrefs('/underenheter', request, criteria.page),
      ),
    );
  }

  /** `/oppdateringer/enheter` or `/oppdateringer/underenheter`. */
  updates(kind: UpdateFeedKind, query: QueryInput, request: BrregRequest): WireResponse {
    return updateFeedPage(this.world, this.links, kind, query, request);
  }

  private isSlettet(orgnr: string): boolean {
    const status = this.world.company(orgnr)?.registerStatus;
    return status === 'slettet' || status === 'fjernet';
  }

  private companies(orgnrs: string[]): GovsimCompany[] {
    return orgnrs.flatMap((n) => this.world.company(n) ?? []);
  }

  private hrefs(resource: string, request: BrregRequest, page: PageRequest) {
    const queryStart = request.url.indexOf('?');
    const query = new URLSearchParams(queryStart === -1 ? '' : request.url.slice(queryStart + 1));
    return {
      self: this.links.forRequest(request.url),
      page: (number: number) => pageHref(`${this.links.api}${resource}`, query, page, number),
    };
  }
}

/** Counts every match but keeps only the requested page, so a search never copies the world. */
function slice<T>(
  items: Iterable<T>,
  matches: (item: T) => boolean,
  page: PageRequest,
): { items: T[]; total: number } {
  const start = page.page * page.size;
  const kept: T[] = [];
  let total = 0;
  for (const item of items) {
    if (!matches(item)) continue;
    if (total >= start && kept.length < page.size) kept.push(item);
    total++;
  }
  return { items: kept, total };
}

function* mapIterable<T, U>(items: Iterable<T>, map: (item: T) => U | undefined): Iterable<U> {
  for (const item of items) {
    const mapped = map(item);
    if (mapped !== undefined) yield mapped;
  }
}

function* flatMapIterable<T, U>(items: Iterable<T>, map: (item: T) => readonly U[]): Iterable<U> {
  for (const item of items) yield* map(item);
}
