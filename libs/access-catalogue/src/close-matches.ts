/**
 * Ranks candidates for a role code nobody recognises. Users type codes from memory ("LOPR", "utinn"),
 * paste part of a name ("regnskap") or drop the Norwegian letters ("lonn"), so we compare both against
 * the codes and against the words of the names.
 */

export interface MatchCandidate {
  code: string;
  names: readonly string[];
}

export interface RankedMatch {
  code: string;
  matchedOn: 'code' | 'name';
  score: number;
}

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Lower case without diacritics, with æ/ø/å spelled the way people type them on foreign keyboards. */
export function foldForMatching(value: string): string {
  return value
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim();
}

/** Typos allowed before a candidate stops being "close": one for short inputs, two for longer ones. */
function tolerance(query: string): number {
  return query.length <= 4 ? 1 : 2;
}

function codeScore(query: string, code: string): number {
  const folded = foldForMatching(code);
  // A prefix (either way round) is the most likely intent: "A024" for A0240, "UTINNX" for UTINN.
  if (query.length >= 2 && (folded.startsWith(query) || query.startsWith(folded))) return 0.5;
  return editDistance(query, folded);
}

function nameScore(query: string, name: string): number {
  const folded = foldForMatching(name);
  if (query.length >= 3 && folded.includes(query)) return 1;
  const words = folded.split(/[^a-z0-9]+/).filter((word) => word.length >= 3);
  const nearest = Math.min(Infinity, ...words.map((word) => editDistance(query, word)));
  // Name hits rank after code hits with the same number of typos.
  return nearest + 1;
}

/** Far longer than any role code or name word; bounds the edit-distance work for pasted text. */
const MAX_QUERY_LENGTH = 64;

export function rankCloseMatches(
  input: string,
  candidates: readonly MatchCandidate[],
  limit = 5,
): RankedMatch[] {
  const query = foldForMatching(input);
  if (query.length === 0 || query.length > MAX_QUERY_LENGTH) return [];
  const allowed = tolerance(query);
  const ranked: RankedMatch[] = [];
  for (const candidate of candidates) {
    const byCode = codeScore(query, candidate.code);
    const byName = Math.min(Infinity, ...candidate.names.map((name) => nameScore(query, name)));
    const best = Math.min(byCode, byName);
    if (best <= allowed)
      ranked.push({ code: candidate.code, matchedOn: byCode <= byName ? 'code' : 'name', score: best });
  }
  ranked.sort((a, b) => a.score - b.score || a.code.localeCompare(b.code));
  return ranked.slice(0, limit);
}
