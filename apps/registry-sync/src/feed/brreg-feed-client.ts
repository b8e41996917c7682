import { ApierError, type BrregFeed, ENDRINGSTYPER } from '@apier/contracts';
import { z } from 'zod';
import type { SourceBaseUrls } from '../upstream/datasets';
import type { UpstreamFetcher } from '../upstream/upstream-fetcher';

export type Endringstype = (typeof ENDRINGSTYPER)[number];

export interface FeedEntry {
  oppdateringsid: number;
  organisasjonsnummer: string;
  endringstype: Endringstype;
}

const EMBEDDED: Record<BrregFeed, string> = {
  enheter: 'oppdaterteEnheter',
  underenheter: 'oppdaterteUnderenheter',
};

const EntrySchema = z.object({
  oppdateringsid: z.number().int().positive(),
  organisasjonsnummer: z.string().regex(/^\d{9}$/),
  // An endringstype Brreg adds later must not stop the feed.
  endringstype: z
    .string()
    .transform((t): Endringstype =>
      (ENDRINGSTYPER as readonly string[]).includes(t) ? (t as Endringstype) : 'Ukjent',
    ),
});

/** How many sub-units one search asks for. */
const SEARCH_CHUNK = 100;

/** Reads Enhetsregisteret's update feeds (§1.6) and resolves sub-units to their main units. */
export class BrregFeedClient {
  constructor(
    private readonly bases: SourceBaseUrls,
    private readonly fetcher: UpstreamFetcher,
    private readonly tokenWaitMs: number,
  ) {}

  /** Entries from an inclusive id (or, before the first one was seen, an inclusive instant), in id order. */
  async page(
    feed: BrregFeed,
    from: { oppdateringsid: number } | { dato: Date },
    size: number,
  ): Promise<FeedEntry[]> {
    const query =
      'oppdateringsid' in from
        ? `oppdateringsid=${Math.max(1, from.oppdateringsid)}`
        : `dato=${encodeURIComponent(from.dato.toISOString())}`;
    return this.entries(feed, `${this.bases.brreg}/oppdateringer/${feed}?${query}&size=${size}`);
  }

  /** The id of the newest entry, where a consumer that starts "now" begins; 0 for an empty feed. */
  async newestId(feed: BrregFeed): Promise<number> {
    const [newest] = await this.entries(
      feed,
      `${this.bases.brreg}/oppdateringer/${feed}?sort=oppdateringsid,DESC&size=1`,
    );
    return newest?.oppdateringsid ?? 0;
  }

  /** Sub-unit → main unit, for sub-units the open search still lists. */
  async mainUnitsOf(subUnits: string[]): Promise<Map<string, string>> {
    const parents = new Map<string, string>();
    for (let i = 0; i < subUnits.length; i += SEARCH_CHUNK) {
      const chunk = subUnits.slice(i, i + SEARCH_CHUNK);
      const url = `${this.bases.brreg}/underenheter?organisasjonsnummer=${chunk.join(',')}&size=${chunk.length}`;
      const body = await this.getJson(url);
      const list = (body as { _embedded?: { underenheter?: unknown } })._embedded?.underenheter;
      for (const u of Array.isArray(list) ? list : []) {
        const { organisasjonsnummer, overordnetEnhet } = u as Record<string, unknown>;
        if (typeof organisasjonsnummer === 'string' && typeof overordnetEnhet === 'string') {
          parents.set(organisasjonsnummer, overordnetEnhet);
        }
      }
    }
    return parents;
  }

  private async entries(feed: BrregFeed, url: string): Promise<FeedEntry[]> {
    const body = await this.getJson(url);
    // An empty page has no `_embedded` at all.
    const list = (body as { _embedded?: Record<string, unknown> })._embedded?.[EMBEDDED[feed]] ?? [];
    const parsed = z.array(EntrySchema).safeParse(list);
    if (!parsed.success) {
      throw new ApierError(
        'upstream_bad_response',
        `Brreg's ${feed} update feed is not in the documented shape`,
        {
          details: { source: 'brreg', feed },
          cause: parsed.error,
        },
      );
    }
    return parsed.data.sort((a, b) => a.oppdateringsid - b.oppdateringsid);
  }

  private async getJson(url: string): Promise<unknown> {
    const response = await this.fetcher.get('brreg', url, this.tokenWaitMs);
    if (response.status !== 200 || typeof response.body !== 'object' || response.body === null) {
      throw new ApierError(
        'upstream_bad_response',
        `Brreg answered ${response.status} for ${new URL(url).pathname}`,
        {
          details: { source: 'brreg', status: response.status },
        },
      );
    }
    return response.body;
  }
}
