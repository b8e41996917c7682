import { createIsolatedSchema, type IsolatedSchema } from '@apier/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startImportCli } from './import-cli-process.fixture';
import { writeGzippedDump } from './synthetic-dump.fixture';

const RECORDS = 40_000;

async function connect(db: IsolatedSchema): Promise<Client> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  await client.query(`SET search_path TO "${db.schema}"`);
  return client;
}

/** Everything a snapshot row says except its random id: what "the same rows" means. */
const ROWS = `SELECT orgnr, environment, source, dataset, source_url, http_status, content_hash, payload::text AS payload
                FROM registry_snapshots ORDER BY orgnr`;

/**
 * The import as an operator runs it: a real process, killed with SIGKILL half-way (no chance to
 * clean up), then started again with --resume. It must end with exactly the rows an uninterrupted
 * import leaves, each record written once.
 */
describe('registry:import killed half-way and resumed', () => {
  let dir: string;
  let dump: string;
  let killed: IsolatedSchema;
  let clean: IsolatedSchema;
  let killedDb: Client;
  let cleanDb: Client;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bulk-resume-'));
    dump = join(dir, 'enheter_alle.json.gz');
    await writeGzippedDump(dump, RECORDS);
    [killed, clean] = await Promise.all([createIsolatedSchema(), createIsolatedSchema()]);
    [killedDb, cleanDb] = await Promise.all([connect(killed), connect(clean)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([killedDb?.end(), cleanDb?.end()]);
    await Promise.all([killed?.drop(), clean?.drop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('skips the committed records and ends with the same rows as an uninterrupted run', async () => {
    const first = startImportCli(['--file', dump, '--batch', '1000', '--quiet'], killed);
    let committed = 0;
    while (committed < 10_000) {
      await new Promise((r) => setTimeout(r, 20));
      const { rows } = await killedDb.query('SELECT records_committed FROM registry_import_checkpoints');
      committed = rows[0]?.records_committed ?? 0;
      if (first.child.exitCode !== null)
        throw new Error(`import ended before the kill:\n${(await first.done).stderr}`);
    }
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');

    // what the killed run left: whole batches only, counted exactly by its checkpoint
    const { rows: checkpoints } = await killedDb.query('SELECT * FROM registry_import_checkpoints');
    expect(checkpoints).toHaveLength(1);
    const atKill = checkpoints[0];
    expect(atKill.completed_at).toBeNull();
    expect(atKill.records_committed).toBeGreaterThanOrEqual(10_000);
    expect(atKill.records_committed).toBeLessThan(RECORDS);
    expect(atKill.records_committed % 1000).toBe(0);
    const left = await killedDb.query('SELECT count(*)::int AS n FROM registry_snapshots');
    expect(left.rows[0].n).toBe(atKill.records_committed);

    const resumed = await startImportCli(['--file', dump, '--batch', '1000', '--quiet', '--resume'], killed)
      .done;
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({
      outcome: 'resumed',
      records: RECORDS,
      skipped_by_resume: atKill.records_committed,
      records_written: RECORDS,
      records_malformed: 0,
      fetched_at: atKill.fetched_at.toISOString(),
    });

    const uninterrupted = await startImportCli(['--file', dump, '--quiet'], clean).done;
    expect(uninterrupted.code).toBe(0);

    const counts = await killedDb.query(
      `SELECT count(*)::int AS rows, count(DISTINCT orgnr)::int AS orgnrs, count(DISTINCT fetched_at)::int AS fetched
         FROM registry_snapshots`,
    );
    expect(counts.rows[0]).toEqual({ rows: RECORDS, orgnrs: RECORDS, fetched: 1 });
    const [afterResume, reference] = await Promise.all([killedDb.query(ROWS), cleanDb.query(ROWS)]);
    expect(afterResume.rows.length).toBe(RECORDS);
    expect(afterResume.rows).toEqual(reference.rows);
    const organisations = 'SELECT orgnr, sandbox, name FROM organisations ORDER BY orgnr';
    expect((await killedDb.query(organisations)).rows).toEqual((await cleanDb.query(organisations)).rows);
    const { rows: final } = await killedDb.query('SELECT * FROM registry_import_checkpoints');
    expect(final[0]).toMatchObject({
      records_committed: RECORDS,
      records_written: RECORDS,
      completed_at: expect.any(Date),
    });
  }, 120_000);
});
