import type { BrregFeed } from '@apier/contracts';
import type { AppLogger } from '@apier/platform';
import type { CompanyRefresher } from '../refresh/company-refresher';
import type { Environment } from '../snapshots/snapshot';
import type { SnapshotRepository } from '../snapshots/snapshot.repository';
import { BRREG_DATASETS, UNDERENHETER } from '../upstream/datasets';
import type { BrregFeedClient, FeedEntry } from './brreg-feed-client';
import type { FeedCursor, FeedCursorRepository } from './feed-cursor.repository';

export interface UpdateFeedFollowerOptions {
  pageSize: number;
  /** Pages one poll reads at most, so a follower far behind still lets the schedule move on. */
  maxPagesPerPoll: number;
  /** Where a follower without a cursor starts: the feed's newest entry, or a fixed instant. */
  start: 'now' | Date;
  environments: readonly Environment[];
}

export interface PollResult {
  entries: number;
  refreshed: number;
}

/** A company to refresh because of one page: its first entry there and the one that names it last. */
interface Target {
  firstId: number;
  last: FeedEntry;
}

const FEEDS: readonly BrregFeed[] = ['enheter', 'underenheter'];

/**
 * Follows Brreg's update feeds. For every entry about a company Apier tracks, it refreshes that
 * company's Brreg datasets (for a sub-unit: its main unit's sub-unit list); entries about anyone
 * else are skipped. The cursor moves only past entries whose refreshes are stored, so a crash or an
 * upstream failure means entries are read again, never lost: at least once, and idempotent, since a
 * refresh that finds the content unchanged records no event.
 */
export class UpdateFeedFollower {
  constructor(
    private readonly feeds: Record<Environment, BrregFeedClient>,
    private readonly cursors: FeedCursorRepository,
    private readonly snapshots: Pick<SnapshotRepository, 'tracked' | 'parentsOfSubUnits'>,
    private readonly refresher: Pick<CompanyRefresher, 'refresh'>,
    private readonly options: UpdateFeedFollowerOptions,
    private readonly logger: AppLogger,
  ) {}

  /** Every feed of every environment; one failing does not hold up the others. */
  async pollAll(): Promise<void> {
    for (const environment of this.options.environments) {
      for (const feed of FEEDS) {
        try {
          const result = await this.poll(feed, environment);
          if (result.entries > 0) this.logger.info({ feed, environment, ...result }, 'update feed followed');
        } catch (error) {
          this.logger.warn(
            { err: error, feed, environment },
            'update feed poll failed; the next poll resumes',
          );
        }
      }
    }
  }

  async poll(feed: BrregFeed, environment: Environment): Promise<PollResult> {
    const client = this.feeds[environment];
    let cursor = (await this.cursors.get(feed, environment)) ?? (await this.begin(feed, environment));
    const result: PollResult = { entries: 0, refreshed: 0 };
    for (let page = 0; page < this.options.maxPagesPerPoll; page++) {
      const from =
        cursor.lastUpdateId !== null || cursor.since === null
          ? { oppdateringsid: (cursor.lastUpdateId ?? 0) + 1 }
          : { dato: cursor.since };
      const entries = await client.page(feed, from, this.options.pageSize);
      if (entries.length === 0) break;
      result.refreshed += await this.apply(feed, environment, entries);
      result.entries += entries.length;
      cursor = { lastUpdateId: entries[entries.length - 1]!.oppdateringsid, since: cursor.since };
      if (entries.length < this.options.pageSize) break;
    }
    return result;
  }

  private async begin(feed: BrregFeed, environment: Environment): Promise<FeedCursor> {
    const start: FeedCursor =
      this.options.start === 'now'
        ? { lastUpdateId: await this.feeds[environment].newestId(feed), since: null }
        : { lastUpdateId: null, since: this.options.start };
    const cursor = await this.cursors.begin(feed, environment, start);
    this.logger.info({ feed, environment, ...cursor }, 'update feed follower starts');
    return cursor;
  }

  /** Refreshes the tracked companies of one page, then moves the cursor past it. */
  private async apply(feed: BrregFeed, environment: Environment, entries: FeedEntry[]): Promise<number> {
    const targets = [...(await this.targets(feed, environment, entries))].sort(
      ([, a], [, b]) => a.last.oppdateringsid - b.last.oppdateringsid,
    );
    const done = new Set<string>();
    for (const [orgnr, target] of targets) {
      try {
        await this.refresher.refresh({
          orgnr,
          environment,
          datasets: feed === 'enheter' ? BRREG_DATASETS : [UNDERENHETER],
          context: {
            cause: 'update-feed',
            feed: {
              name: feed,
              oppdateringsid: target.last.oppdateringsid,
              endringstype: target.last.endringstype,
              organisasjonsnummer: target.last.organisasjonsnummer,
            },
          },
        });
        done.add(orgnr);
      } catch (error) {
        // Everything before the first entry of a company still to refresh is handled.
        const firstPending = Math.min(...targets.filter(([o]) => !done.has(o)).map(([, t]) => t.firstId));
        if (firstPending > entries[0]!.oppdateringsid)
          await this.cursors.advance(feed, environment, firstPending - 1);
        throw error;
      }
    }
    await this.cursors.advance(feed, environment, entries[entries.length - 1]!.oppdateringsid);
    return targets.length;
  }

  /** The tracked companies a page is about, each with its first and last entry there. */
  private async targets(
    feed: BrregFeed,
    environment: Environment,
    entries: FeedEntry[],
  ): Promise<Map<string, Target>> {
    const units = [...new Set(entries.map((e) => e.organisasjonsnummer))];
    const companyOf =
      feed === 'enheter'
        ? new Map(units.map((u) => [u, u]))
        : await this.mainUnits(environment, entries, units);
    const tracked = await this.snapshots.tracked(environment, [...new Set(companyOf.values())]);
    const targets = new Map<string, Target>();
    for (const entry of entries) {
      const orgnr = companyOf.get(entry.organisasjonsnummer);
      if (orgnr === undefined || !tracked.has(orgnr)) continue;
      const target = targets.get(orgnr);
      if (target) target.last = entry;
      else targets.set(orgnr, { firstId: entry.oppdateringsid, last: entry });
    }
    return targets;
  }

  /**
   * Sub-unit → main unit: from the sub-unit lists Apier stores (which also know deleted ones), then
   * Brreg's search for the rest (new sub-units). A removed sub-unit cannot be looked up any more.
   */
  private async mainUnits(
    environment: Environment,
    entries: FeedEntry[],
    units: string[],
  ): Promise<Map<string, string>> {
    const parents = await this.snapshots.parentsOfSubUnits(environment, units);
    const removed = new Set(
      entries.filter((e) => e.endringstype === 'Fjernet').map((e) => e.organisasjonsnummer),
    );
    const unknown = units.filter((u) => !parents.has(u) && !removed.has(u));
    if (unknown.length > 0) {
      for (const [unit, parent] of await this.feeds[environment].mainUnitsOf(unknown))
        parents.set(unit, parent);
    }
    return parents;
  }
}
