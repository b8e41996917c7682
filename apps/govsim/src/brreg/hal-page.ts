type Json = Record<string, unknown>;

export interface PageRequest {
  page: number;
  size: number;
}

/** Brreg caps how deep a search may page (page × size). */
export const MAX_SEARCH_DEPTH = 10_000;
export const DEFAULT_PAGE_SIZE = 20;

/**
 * A HAL page as Brreg sends it. With no hits the `_embedded` key is left out entirely, which
 * clients must read as an empty list.
 */
export function halPage(
  embeddedName: string,
  items: unknown[],
  totalElements: number,
  request: PageRequest,
  hrefs: { self: string; page(number: number): string },
): Json {
  const totalPages = Math.ceil(totalElements / request.size);
  const links: Json = {};
  if (totalPages > 1) links['first'] = { href: hrefs.page(0) };
  if (totalPages > 1 && request.page > 0) links['prev'] = { href: hrefs.page(request.page - 1) };
  links['self'] = { href: hrefs.self };
  if (request.page + 1 < totalPages) links['next'] = { href: hrefs.page(request.page + 1) };
  if (totalPages > 1) links['last'] = { href: hrefs.page(totalPages - 1) };
  return {
    ...(items.length > 0 ? { _embedded: { [embeddedName]: items } } : {}),
    _links: links,
    page: { size: request.size, totalElements, totalPages, number: request.page },
  };
}

/** Rebuilds a search link with another page, keeping every other query parameter. */
export function pageHref(base: string, query: URLSearchParams, request: PageRequest, page: number): string {
  const params = new URLSearchParams(query);
  params.set('page', String(page));
  params.set('size', String(request.size));
  // Brreg's own links keep comma-separated lists readable.
  return `${base}?${params.toString().replace(/%2C/g, ',')}`;
}
