import { createIsolatedSchema, type IsolatedSchema } from '@apier/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startImportCli } from './import-cli-process.fixture';
import { gzippedDump } from './synthetic-dump.fixture';

/** What an operator sees: exit codes, messages on stderr, the summary on stdout. */
describe('registry:import command line', () => {
  let db: IsolatedSchema;
  let dir: string;
  const run = async (args: string[]) => startImportCli(args, db).done;
  const file = (name: string, content: Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  beforeAll(async () => {
    db = await createIsolatedSchema();
    dir = mkdtempSync(join(tmpdir(), 'bulk-cli-'));
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a file, prints plain progress lines when not on a terminal, and a JSON summary', async () => {
    const result = await run(['--file', file('ok.json.gz', gzippedDump(300)), '--batch', '100']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      outcome: 'imported',
      records: 300,
      records_written: 300,
    });
    expect(result.stderr).toMatch(/^registry-import: importing .*ok\.json\.gz into production$/m);
    expect(result.stderr).toMatch(/^registry-import: \[#+\] 100\.0% {2}300 records {2}.*ETA 0:00$/m);
    expect(result.stderr).toMatch(/done: 300 records, 300 snapshots written, 0 malformed/);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query(`SELECT DISTINCT source_url FROM "${db.schema}".registry_snapshots`);
    await client.end();
    // a file's provenance is where such downloads come from
    expect(rows).toEqual([{ source_url: 'http://127.0.0.1:4000/enhetsregisteret/api/enheter/lastned' }]);
  }, 30_000);

  it('refuses bad arguments with the usage and exit status 64', async () => {
    for (const args of [
      [],
      ['--url', 'ftp://x/y'],
      ['--file', 'a', '--url', 'http://x/'],
      ['--batch', '0', '--file', 'a'],
    ]) {
      const result = await run(args);
      expect(result.code).toBe(64);
      expect(result.stderr).toMatch(/^registry-import: .+\n\nUsage: npm run registry:import/);
    }
  }, 60_000);

  it('stops at a malformed record with exit status 65 naming it, or skips it with --skip-malformed', async () => {
    const dump = file(
      'bad.json.gz',
      gzippedDump(10, new Map([[6, '{"organisasjonsnummer":"315678421","navn":"X"}']])),
    );
    const failed = await run(['--file', dump, '--quiet']);
    expect(failed.code).toBe(65);
    expect(failed.stderr).toMatch(/failed: Record 6: organisasjonsnummer "315678421": The MOD11 check digit/);
    const skipped = await run(['--file', dump, '--quiet', '--skip-malformed']);
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toMatch(/record 6 skipped: organisasjonsnummer "315678421"/);
    expect(JSON.parse(skipped.stdout)).toMatchObject({
      records: 10,
      records_written: 9,
      records_malformed: 1,
    });
  }, 30_000);

  it('says clearly what is wrong with a file that is missing or not a dump, with exit status 65', async () => {
    const missing = await run(['--file', join(dir, 'nope.json.gz')]);
    expect(missing.code).toBe(65);
    expect(missing.stderr).toMatch(/failed: Cannot read the file .*nope\.json\.gz/);
    const notGzip = await run(['--file', file('plain.json', Buffer.from('[]')), '--quiet']);
    expect(notGzip.code).toBe(65);
    expect(notGzip.stderr).toMatch(
      /failed: The download is not a complete gzip stream \(incorrect header check\)/,
    );
  }, 30_000);

  it('exits 69 when the download cannot be fetched', async () => {
    const result = await run(['--url', 'http://127.0.0.1:9/enhetsregisteret/api/enheter/lastned', '--quiet']);
    expect(result.code).toBe(69);
    expect(result.stderr).toMatch(
      /failed: http:\/\/127\.0\.0\.1:9\/enhetsregisteret\/api\/enheter\/lastned: unreachable/,
    );
  }, 30_000);
});
