/**
 * P3 incremental feed throughput: how many Brreg update-feed entries per second registry-sync's
 * follower turns into refreshed, stored snapshots (with their `company.changed` outbox rows),
 * against the floor measured in the same run on the same entries — a loop that reads the same feed
 * pages, fetches the same three Brreg documents per tracked company from the same govsim and upserts
 * them into a table of the same shape, company after company as the follower does.
 *
 * Set-up (not timed): N tracked companies (a stored `enhet` snapshot each) and as many untracked
 * ones; registry-sync starts so its follower takes the feed's head, and is stopped; one name change
 * per company is appended to govsim's feed, tracked and untracked interleaved. Then the baseline
 * runs, then registry-sync again. Its window is read from the database, so process start-up and
 * the poll schedule are not counted: from the earliest `fetched_at` of the refreshed snapshots to
 * the cursor's `updated_at` when it passed the last entry. Brreg's rate limit is raised for both,
 * since the default (20 requests/s) would measure the configured politeness: with it, three
 * documents per company cap the follower at about 6.7 tracked companies per second.
 */
import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { AppProcess } from '../e2e/support/app-process';
import { Stack } from '../e2e/support/stack';
import { type Figure, report } from './support/report';

const TRACKED = Number(process.env['BENCH_FEED_COMPANIES'] ?? 300);
const PAGE_SIZE = 500;
const BRREG_DOCUMENTS = (brreg: string, orgnr: string) => ({
  enhet: `${brreg}/enheter/${orgnr}`,
  roller: `${brreg}/enheter/${orgnr}/roller`,
  underenheter: `${brreg}/underenheter?overordnetEnhet=${orgnr}&size=1000`,
});

interface Company {
  organisasjonsnummer: string;
  registerStatus: string;
}

async function main(): Promise<void> {
  const stack = await Stack.start({ apps: ['govsim'] });
  const db = new Client({ connectionString: stack.db.url });
  await db.connect();
  const sync = new AppProcess('registry-sync', {
    ...stack.env,
    LOG_LEVEL: 'warn',
    REGISTRY_FEED_POLL_SECONDS: '1',
    REGISTRY_FEED_PAGE_SIZE: String(PAGE_SIZE),
    REGISTRY_FEED_START: 'now',
    REGISTRY_SWEEP_SECONDS: '3600',
    BRREG_RATE_LIMIT_PER_SECOND: '10000',
  });
  try {
    await db.query(`SET search_path TO "${stack.db.schema}"`);
    const brreg = stack.env['BRREG_BASE_URL']!;
    const companies = await liveCompanies(stack.govsimUrl, 2 * TRACKED);
    const tracked = companies.filter((_, i) => i % 2 === 0);
    const untracked = companies.filter((_, i) => i % 2 === 1);
    await track(db, tracked);

    sync.start();
    await until('the follower takes the feed head', async () => (await cursor(db, 'enheter')) !== null, sync);
    await sync.stop();
    const head = (await cursor(db, 'enheter'))!.lastUpdateId;

    let lastId = head;
    for (const orgnr of companies) {
      const response = await fetch(`${stack.govsimUrl}/govsim/control/companies/${orgnr}/changes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ patch: { navn: `BENCH ${randomUUID().slice(0, 8)} AS` } }),
      });
      if (!response.ok) throw new Error(`govsim change of ${orgnr}: ${response.status}`);
      const changed = (await response.json()) as { oppdatering: { oppdateringsid: number } };
      lastId = Math.max(lastId, changed.oppdatering.oppdateringsid);
    }

    const baseline = await rawFetchAndStore(db, brreg, head, new Set(tracked));
    if (baseline.refreshed !== tracked.length) throw new Error(`baseline refreshed ${baseline.refreshed}`);
    // govsim numbers both feeds' entries from one sequence, so the ids have gaps: count what was read
    const { entries } = baseline;

    const restarted = new Date();
    sync.start();
    await until(
      'the follower passes the last entry',
      async () => ((await cursor(db, 'enheter'))?.lastUpdateId ?? 0) >= lastId,
      sync,
      600_000,
    );
    const window = await followerWindow(db, restarted, tracked);
    const events = Number(
      (
        await db.query(
          `SELECT count(*) FROM company_events WHERE occurred_at >= $1 AND payload->>'cause' = 'update-feed'`,
          [restarted],
        )
      ).rows[0].count,
    );
    if (window.refreshed !== tracked.length || events !== tracked.length) {
      throw new Error(`follower refreshed ${window.refreshed} companies with ${events} events`);
    }

    const apierRate = entries / window.seconds;
    const baselineRate = entries / baseline.seconds;
    const figures: Figure[] = [
      {
        name: 'update-feed entries into refreshed snapshots',
        value: apierRate,
        unit: 'entries/s',
        ratio: apierRate / baselineRate,
        baseline: `raw fetch + upsert of the same documents: ${baselineRate.toFixed(1)} entries/s`,
        note: `${entries} entries (${tracked.length} tracked companies × 3 Brreg documents; ${untracked.length} untracked and other entries skipped); ${window.seconds.toFixed(1)} s vs ${baseline.seconds.toFixed(1)} s; page size ${PAGE_SIZE}; Brreg rate limit raised for both`,
      },
      {
        name: 'tracked companies refreshed per second',
        value: tracked.length / window.seconds,
        unit: 'companies/s',
        ratio: baseline.seconds / window.seconds,
        baseline: `raw: ${(tracked.length / baseline.seconds).toFixed(1)} companies/s`,
        note: `each with a company.changed outbox row (${events}) published to JetStream`,
      },
    ];
    report('feed-throughput', figures);
  } finally {
    await sync.stop();
    await db.end();
    await stack.stop();
  }
}

/** Registered (not deleted) generated companies from govsim's world, fixtures left out. */
async function liveCompanies(govsimUrl: string, count: number): Promise<string[]> {
  const found: string[] = [];
  for (let offset = 0; found.length < count; offset += 1000) {
    const response = await fetch(`${govsimUrl}/govsim/control/companies?offset=${offset}&limit=1000`);
    const page = (await response.json()) as { companies: (Company & { fixture?: unknown })[] };
    if (page.companies.length === 0) throw new Error(`govsim has fewer than ${count} live companies`);
    for (const c of page.companies) {
      if (!c.fixture && c.registerStatus === 'aktiv' && found.length < count)
        found.push(c.organisasjonsnummer);
    }
  }
  return found;
}

/** What makes a company tracked: an organisation row and a stored `enhet` snapshot (older than any refresh). */
async function track(db: Client, orgnrs: string[]): Promise<void> {
  const fetchedAt = new Date(Date.now() - 1_000);
  await db.query(
    `INSERT INTO organisations (orgnr, sandbox, name, created_at, updated_at)
     SELECT o, false, NULL, now(), now() FROM unnest($1::text[]) AS o`,
    [orgnrs],
  );
  await db.query(
    `INSERT INTO registry_snapshots (id, orgnr, environment, source, dataset, source_url, http_status, content_hash, payload, fetched_at)
     SELECT gen_random_uuid(), o, 'production', 'brreg', 'enhet', 'bench', 200, repeat('0', 64), '{}'::jsonb, $2
     FROM unnest($1::text[]) AS o`,
    [orgnrs, fetchedAt],
  );
}

/**
 * The floor: the same pages of the same feed, and for each tracked company the same three
 * documents fetched at once, hashed and upserted in one statement into a table shaped like
 * `registry_snapshots`; companies one after another, as the follower does.
 */
async function rawFetchAndStore(
  db: Client,
  brreg: string,
  after: number,
  tracked: Set<string>,
): Promise<{ seconds: number; refreshed: number; entries: number }> {
  await db.query('CREATE TABLE feed_baseline (LIKE registry_snapshots INCLUDING ALL)');
  const started = performance.now();
  let next = after + 1;
  let refreshed = 0;
  let read = 0;
  for (;;) {
    const response = await fetch(`${brreg}/oppdateringer/enheter?oppdateringsid=${next}&size=${PAGE_SIZE}`);
    const body = (await response.json()) as {
      _embedded?: { oppdaterteEnheter?: { oppdateringsid: number; organisasjonsnummer: string }[] };
    };
    const entries = body._embedded?.oppdaterteEnheter ?? [];
    read += entries.length;
    for (const entry of entries) {
      if (!tracked.has(entry.organisasjonsnummer)) continue;
      const documents = Object.entries(BRREG_DOCUMENTS(brreg, entry.organisasjonsnummer));
      const fetched = await Promise.all(
        documents.map(async ([dataset, url]) => {
          const answer = await fetch(url);
          const text = await answer.text();
          return { dataset, url, status: answer.status, text };
        }),
      );
      const values = fetched.flatMap((f) => [
        entry.organisasjonsnummer,
        f.dataset,
        f.url,
        f.status,
        createHash('sha256').update(f.text).digest('hex'),
        f.text,
      ]);
      await db.query(
        `INSERT INTO feed_baseline (id, orgnr, environment, source, dataset, source_url, http_status, content_hash, payload, fetched_at)
         VALUES ${fetched.map((_, i) => `(gen_random_uuid(), $${6 * i + 1}, 'production', 'brreg', $${6 * i + 2}, $${6 * i + 3}, $${6 * i + 4}, $${6 * i + 5}, $${6 * i + 6}::jsonb, now())`).join(', ')}
         ON CONFLICT (orgnr, environment, source, dataset) DO UPDATE SET
           source_url = excluded.source_url, http_status = excluded.http_status,
           content_hash = excluded.content_hash, payload = excluded.payload, fetched_at = excluded.fetched_at`,
        values,
      );
      refreshed++;
    }
    if (entries.length < PAGE_SIZE) break;
    next = entries[entries.length - 1]!.oppdateringsid + 1;
  }
  return { seconds: (performance.now() - started) / 1000, refreshed, entries: read };
}

async function cursor(db: Client, feed: string): Promise<{ lastUpdateId: number; updatedAt: Date } | null> {
  const { rows } = await db.query(
    `SELECT last_update_id, updated_at FROM registry_feed_cursors WHERE feed = $1 AND environment = 'production'`,
    [feed],
  );
  return rows[0] ? { lastUpdateId: Number(rows[0].last_update_id), updatedAt: rows[0].updated_at } : null;
}

/** From the first refreshed snapshot's fetch to the cursor's last move, as the database saw them. */
async function followerWindow(
  db: Client,
  since: Date,
  tracked: string[],
): Promise<{ seconds: number; refreshed: number }> {
  const { rows } = await db.query(
    `SELECT min(fetched_at) AS first, count(DISTINCT orgnr) AS companies FROM registry_snapshots
     WHERE fetched_at >= $1 AND environment = 'production' AND orgnr = ANY($2::text[])`,
    [since, tracked],
  );
  const end = (await cursor(db, 'enheter'))!.updatedAt;
  return {
    seconds: (end.getTime() - (rows[0].first as Date).getTime()) / 1000,
    refreshed: Number(rows[0].companies),
  };
}

async function until(what: string, probe: () => Promise<boolean>, app: AppProcess, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (!app.running) throw new Error(`${app.name} exited:\n${app.rawOutput.slice(-20).join('\n')}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
