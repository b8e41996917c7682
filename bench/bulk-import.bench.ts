/**
 * Bulk import: `registry:import` of an N-entity govsim bulk download (default 1,000,000,
 * BENCH_IMPORT_COUNT to change) into an empty, migrated schema, against the floor measured in the
 * same run — a plain `COPY` of the very rows the import wrote into an empty table of the same shape
 * (same columns, defaults, indexes and foreign key to the imported organisations). Also the
 * importer's peak RSS, which must stay flat in N.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { Stack } from '../e2e/support/stack';
import { PeakRss } from './support/peak-rss';
import { type Figure, report } from './support/report';

const COUNT = Number(process.env['BENCH_IMPORT_COUNT'] ?? 1_000_000);
const BATCH = Number(process.env['BENCH_IMPORT_BATCH'] ?? 5_000);
const IMPORT_CLI = resolve(__dirname, '../apps/registry-sync/dist/bulk-import/registry-import-cli.js');

async function main(): Promise<void> {
  const stack = await Stack.start({ apps: ['govsim'] });
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const db = new Client({ connectionString: stack.db.url });
  await db.connect();
  try {
    await db.query(`SET search_path TO "${stack.db.schema}"`);
    // Download first, so govsim's generation does not compete with the importer for the CPU.
    const dump = join(dir, 'enheter_alle.json.gz');
    const downloaded = await fetch(`${stack.govsimUrl}/enhetsregisteret/api/enheter/lastned?antall=${COUNT}`);
    if (!downloaded.ok || !downloaded.body) throw new Error(`govsim answered ${downloaded.status}`);
    await pipeline(Readable.fromWeb(downloaded.body as never), createWriteStream(dump));
    const dumpBytes = statSync(dump).size;

    const imported = await timedImport(dump, stack.db);
    const rows = Number((await db.query('SELECT count(*) FROM registry_snapshots')).rows[0].count);
    if (rows !== COUNT) throw new Error(`expected ${COUNT} snapshots, found ${rows}`);

    const baselineSeconds = await timedPlainCopy(db, join(dir, 'rows.copy'));

    const importRate = COUNT / imported.seconds;
    const copyRate = COUNT / baselineSeconds;
    const figures: Figure[] = [
      {
        name: `import of ${COUNT.toLocaleString('en-US')} entities`,
        value: importRate,
        unit: 'rows/s',
        ratio: importRate / copyRate,
        baseline: `plain COPY of the same rows into the same table shape ${Math.round(copyRate)} rows/s`,
        note: `${imported.seconds.toFixed(1)} s vs ${baselineSeconds.toFixed(1)} s; batch ${BATCH}; dump ${(dumpBytes / 1024 / 1024).toFixed(1)} MB gzipped, read from a file`,
      },
      {
        name: 'importer peak RSS',
        value: imported.peakRssBytes / 1024 / 1024,
        unit: 'MB',
        note: 'VmHWM of the import process, including Node itself',
      },
    ];
    report('bulk-import', figures);
  } finally {
    await db.end();
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function timedImport(
  dump: string,
  database: { url: string; schema: string },
): Promise<{ seconds: number; peakRssBytes: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [IMPORT_CLI, '--file', dump, '--batch', String(BATCH)], {
    env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: database.url, DATABASE_SCHEMA: database.schema },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const rss = new PeakRss(child.pid!);
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('close', done));
  const peakRssBytes = rss.stop();
  if (code !== 0) throw new Error(`registry:import exited ${code}`);
  const summary = JSON.parse(stdout) as { records_written: number };
  if (summary.records_written !== COUNT) throw new Error(`import wrote ${summary.records_written} rows`);
  return { seconds: (performance.now() - started) / 1000, peakRssBytes };
}

/** The floor: the imported rows as COPY text, loaded with one COPY into a fresh table of the same shape. */
async function timedPlainCopy(db: Client, file: string): Promise<number> {
  await pipeline(db.query(copyTo('COPY registry_snapshots TO STDOUT')), createWriteStream(file));
  await db.query('CREATE TABLE copy_baseline (LIKE registry_snapshots INCLUDING ALL)');
  await db.query(
    'ALTER TABLE copy_baseline ADD FOREIGN KEY (orgnr) REFERENCES organisations (orgnr) ON DELETE CASCADE',
  );
  const started = performance.now();
  await pipeline(
    createReadStream(file, { highWaterMark: 1024 * 1024 }),
    db.query(copyFrom('COPY copy_baseline FROM STDIN')),
  );
  return (performance.now() - started) / 1000;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
