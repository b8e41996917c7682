import { validationProblem } from './altinn-problem';

/** Altinn's paginated list: follow `links.next` until it is null. */
export interface PaginatedList<T> {
  links: { next: string | null };
  data: T[];
}

/**
 * One page of `items` (in sequence order) after the position the opaque `token` names. The token is
 * the sequence number of the last item served, so items added meanwhile neither repeat nor vanish.
 */
export function paginate<T extends { sequence?: number }, V>(
  items: T[],
  token: string | undefined,
  pageSize: number,
  view: (item: T) => V,
  nextLink: (token: string) => string,
): PaginatedList<V> {
  const after = token === undefined ? 0 : decodeToken(token);
  const remaining = items
    .filter((item) => (item.sequence ?? 0) > after)
    .sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
  const page = remaining.slice(0, pageSize);
  const last = page[page.length - 1];
  const hasMore = remaining.length > page.length && last !== undefined;
  return {
    links: { next: hasMore ? nextLink(encodeToken(last.sequence ?? 0)) : null },
    data: page.map(view),
  };
}

function encodeToken(sequence: number): string {
  return Buffer.from(`seq:${sequence}`).toString('base64url');
}

function decodeToken(token: string): number {
  const match = /^seq:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match)
    throw validationProblem([
      { code: 'STD.VLD-00000', title: 'The continuation token is not valid.', paths: ['/token'] },
    ]);
  return Number(match[1]);
}
