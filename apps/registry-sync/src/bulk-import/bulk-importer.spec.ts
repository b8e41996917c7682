import { ApierError } from '@apier/contracts';
import { createIsolatedSchema, type IsolatedSchema } from '@apier/testing';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { BulkImporter, type BulkImportOptions, type ImportProgress } from './bulk-importer';
import { openFile, openUrl } from './dump-source';
import type { MalformedRecord } from './enhet-record';
import { dumpElements, gzippedDump } from './synthetic-dump.fixture';

// real Postgres on a machine shared with other test runs: generous, not tight
jest.setTimeout(30_000);

const DUMP_URL = 'https://data.brreg.no/enhetsregisteret/api/enheter/lastned';
const TAKEN_AT = new Date('2026-11-25T03:00:00.000Z');

/** The importer against a real, migrated Postgres schema, with dumps from files and a real HTTP server. */
describe('BulkImporter', () => {
  let db: IsolatedSchema;
  let client: Client;
  let dir: string;
  let file = 0;

  const options = (overrides: Partial<BulkImportOptions> = {}): BulkImportOptions => ({
    environment: 'production',
    batchSize: 7,
    resume: false,
    skipMalformed: false,
    sourceUrl: DUMP_URL,
    ...overrides,
  });
  const listener = () => {
    const malformed: MalformedRecord[] = [];
    const progress: ImportProgress[] = [];
    return { malformed, progress, progressed: (p: ImportProgress) => progress.push(p) };
  };
  const importFile = async (content: Buffer | string, overrides: Partial<BulkImportOptions> = {}) => {
    const path = join(dir, `dump-${file++}.json.gz`);
    writeFileSync(path, content);
    const seen = listener();
    const summary = await new BulkImporter(client, () => TAKEN_AT).run(
      await openFile(path),
      options(overrides),
      {
        progress: seen.progressed,
        malformed: (m) => seen.malformed.push(m),
      },
    );
    return { summary, ...seen };
  };
  const failure = async (run: Promise<unknown>): Promise<ApierError> => {
    const error = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApierError);
    return error as ApierError;
  };
  const snapshots = async () =>
    (
      await client.query<{
        orgnr: string;
        environment: string;
        source: string;
        dataset: string;
        source_url: string;
        http_status: number;
        content_hash: string;
        payload: Record<string, unknown>;
        fetched_at: Date;
      }>('SELECT * FROM registry_snapshots ORDER BY orgnr')
    ).rows;
  const checkpoint = async () =>
    (await client.query('SELECT * FROM registry_import_checkpoints ORDER BY updated_at DESC LIMIT 1'))
      .rows[0];

  beforeAll(async () => {
    db = await createIsolatedSchema();
    client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query(`SET search_path TO "${db.schema}"`);
    dir = mkdtempSync(join(tmpdir(), 'bulk-import-'));
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await client.query('TRUNCATE organisations, registry_snapshots, registry_import_checkpoints CASCADE');
  });

  it('stores each record as the brreg/enhet snapshot the live fetch would, plus its organisation', async () => {
    const elements = [...dumpElements(30)];
    const { summary, progress } = await importFile(gzippedDump(30));
    expect(summary).toMatchObject({
      outcome: 'imported',
      records: 30,
      recordsWritten: 30,
      recordsMalformed: 0,
      skippedByResume: 0,
      fetchedAt: TAKEN_AT,
    });
    const rows = await snapshots();
    expect(rows).toHaveLength(30);
    const byOrgnr = new Map(rows.map((r) => [r.orgnr, r]));
    for (const text of elements) {
      const enhet = JSON.parse(text) as { organisasjonsnummer: string };
      expect(byOrgnr.get(enhet.organisasjonsnummer)).toEqual({
        ...byOrgnr.get(enhet.organisasjonsnummer),
        environment: 'production',
        source: 'brreg',
        dataset: 'enhet',
        source_url: DUMP_URL,
        http_status: 200,
        content_hash: createHash('sha256').update(text).digest('hex'),
        payload: enhet,
        fetched_at: TAKEN_AT,
      });
    }
    const organisations = await client.query('SELECT orgnr, sandbox, name FROM organisations ORDER BY orgnr');
    expect(organisations.rows).toHaveLength(30);
    expect(organisations.rows[0]).toMatchObject({
      sandbox: false,
      name: expect.stringMatching(/^SYNTETISK/),
    });
    expect(await checkpoint()).toMatchObject({
      source: DUMP_URL,
      environment: 'production',
      records_committed: 30,
      records_written: 30,
      records_malformed: 0,
      completed_at: expect.any(Date),
    });
    // batches of 7: progress moved forward to the end
    expect(progress.at(-1)).toMatchObject({ recordsRead: 30, recordsCommitted: 30, recordsWritten: 30 });
  });

  it('keeps a snapshot the live path fetched after the download, and replaces older ones', async () => {
    const [first, second] = [...dumpElements(2)].map((t) => JSON.parse(t) as { organisasjonsnummer: string });
    const seed = async (orgnr: string, fetchedAt: Date) => {
      await client.query(
        `INSERT INTO organisations (orgnr, name, updated_at) VALUES ($1, 'LIVE NAME', now())`,
        [orgnr],
      );
      await client.query(
        `INSERT INTO registry_snapshots (id, orgnr, environment, source, dataset, source_url, http_status,
           content_hash, payload, fetched_at)
         VALUES (gen_random_uuid(), $1, 'production', 'brreg', 'enhet', 'live', 200, repeat('a', 64), '{}', $2)`,
        [orgnr, fetchedAt],
      );
    };
    await seed(first!.organisasjonsnummer, new Date(TAKEN_AT.getTime() + 60_000));
    await seed(second!.organisasjonsnummer, new Date(TAKEN_AT.getTime() - 60_000));
    const { summary } = await importFile(gzippedDump(2));
    expect(summary.recordsWritten).toBe(1);
    const rows = await snapshots();
    const live = rows.find((r) => r.orgnr === first!.organisasjonsnummer)!;
    expect(live).toMatchObject({ source_url: 'live', payload: {} });
    expect(rows.find((r) => r.orgnr === second!.organisasjonsnummer)).toMatchObject({ source_url: DUMP_URL });
    const names = await client.query('SELECT orgnr, name FROM organisations');
    const name = (orgnr: string) => names.rows.find((r) => r.orgnr === orgnr)?.name;
    expect(name(first!.organisasjonsnummer)).toBe('LIVE NAME');
    expect(name(second!.organisasjonsnummer)).toMatch(/^SYNTETISK/);
  });

  it('stores a number that occurs twice once, as its last occurrence', async () => {
    const [a, b] = [...dumpElements(2)];
    const later = JSON.stringify({ ...JSON.parse(a!), navn: 'RENAMED AS' });
    const { summary } = await importFile(gzippedDumpOf([a!, b!, later]), { batchSize: 2 });
    expect(summary).toMatchObject({ records: 3, recordsWritten: 3 });
    const rows = await snapshots();
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.orgnr === JSON.parse(a!).organisasjonsnummer)?.payload['navn']).toBe(
      'RENAMED AS',
    );
  });

  it('fails on the first malformed record by default, having committed the batches before it', async () => {
    const dump = gzippedDump(20, new Map([[16, '{"organisasjonsnummer":"123456789","navn":"BAD"}']]));
    const error = await failure(importFile(dump, { batchSize: 5 }));
    expect(error).toMatchObject({ code: 'bulk_record_invalid', details: { index: 16 } });
    expect(error.message).toMatch(/^Record 16: organisasjonsnummer "123456789"/);
    expect(await checkpoint()).toMatchObject({
      records_committed: 15,
      records_written: 15,
      completed_at: null,
    });
    expect(await snapshots()).toHaveLength(15);
  });

  it('with skipMalformed reports each bad record by index and imports the rest', async () => {
    const bad = new Map([
      [0, '{"organisasjonsnummer": 31567842,}'],
      [4, '"just a string"'],
      [9, '{"organisasjonsnummer":"315678421","navn":"X"}'],
      [10, '{"organisasjonsnummer":"315678420","navn":"NUL\\u0000"}'],
      [19, '{"organisasjonsnummer":"315678420","navn":"X","respons_klasse":"Underenhet"}'],
    ]);
    const { summary, malformed } = await importFile(gzippedDump(20, bad), { skipMalformed: true });
    expect(malformed.map((m) => m.index)).toEqual([0, 4, 9, 10, 19]);
    expect(malformed[1]!.reason).toBe('not a JSON object');
    expect(summary).toMatchObject({ records: 20, recordsWritten: 15, recordsMalformed: 5 });
    expect(await snapshots()).toHaveLength(15);
    expect(await checkpoint()).toMatchObject({ records_committed: 20, records_malformed: 5 });
  });

  it('refuses a download that is not a complete gzipped JSON array, and never marks it complete', async () => {
    const plain = await failure(importFile('[{"organisasjonsnummer":"315678420"}]'));
    expect(plain).toMatchObject({ code: 'bulk_dump_invalid' });
    expect(plain.message).toMatch(/not a complete gzip stream/);
    const dump = gzippedDump(50);
    const truncated = await failure(importFile(dump.subarray(0, dump.length - 200)));
    expect(truncated).toMatchObject({ code: 'bulk_dump_invalid' });
    const empty = await failure(importFile(Buffer.alloc(0)));
    expect(empty.code).toBe('bulk_dump_invalid');
    const object = await failure(importFile(gzipText('{"enheter": []}')));
    expect(object.message).toMatch(/not a JSON array/);
    const rows = await client.query(
      'SELECT count(*)::int AS n FROM registry_import_checkpoints WHERE completed_at IS NOT NULL',
    );
    expect(rows.rows[0].n).toBe(0);
  });

  it('resuming a completed import does nothing; resuming an unknown one starts from the beginning', async () => {
    const dump = gzippedDump(10);
    await importFile(dump);
    const again = await importFile(dump, { resume: true });
    expect(again.summary).toMatchObject({ outcome: 'already-complete', records: 10 });
    await client.query('TRUNCATE registry_import_checkpoints');
    const fresh = await importFile(dump, { resume: true });
    expect(fresh.summary).toMatchObject({ outcome: 'imported', records: 10, skippedByResume: 0 });
  });

  it('imports the same download into the sandbox as a separate import', async () => {
    const dump = gzippedDump(4);
    const production = await importFile(dump);
    const sandbox = await importFile(dump, { environment: 'sandbox' });
    expect(sandbox.summary.importId).not.toBe(production.summary.importId);
    const counts = await client.query(
      'SELECT environment, count(*)::int AS n FROM registry_snapshots GROUP BY environment ORDER BY environment',
    );
    expect(counts.rows).toEqual([
      { environment: 'production', n: 4 },
      { environment: 'sandbox', n: 4 },
    ]);
  });

  describe('from a URL', () => {
    let server: Server;
    let base: string;
    let answer: (res: ServerResponse) => void;

    beforeAll(async () => {
      server = createServer((_req, res) => answer(res));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const importUrl = async (overrides: Partial<BulkImportOptions> = {}, idleTimeoutMs = 2_000) => {
      const source = await openUrl(
        new URL(`${base}/enhetsregisteret/api/enheter/lastned?token=abc`),
        idleTimeoutMs,
      );
      expect(source.label).toBe(`${base}/enhetsregisteret/api/enheter/lastned`);
      return new BulkImporter(client, () => TAKEN_AT).run(
        source,
        options({ sourceUrl: source.label, ...overrides }),
        {
          progress: () => undefined,
          malformed: () => undefined,
        },
      );
    };

    it('streams the download and records its URL without the query as provenance', async () => {
      const dump = gzippedDump(12);
      answer = (res) => res.writeHead(200, { etag: '"v1"', 'content-length': dump.length }).end(dump);
      expect(await importUrl()).toMatchObject({ records: 12, recordsWritten: 12 });
      expect((await snapshots())[0]!.source_url).toBe(`${base}/enhetsregisteret/api/enheter/lastned`);
    });

    it('gives up on a download that stops sending', async () => {
      const dump = gzippedDump(2_000);
      answer = (res) => {
        res.writeHead(200, { etag: '"v2"' });
        res.write(dump.subarray(0, 100_000));
      };
      const started = Date.now();
      const error = await failure(importUrl({}, 500));
      expect(error).toMatchObject({ code: 'upstream_unavailable' });
      expect(error.message).toMatch(/stalled for 500 ms/);
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('turns error statuses into upstream errors', async () => {
      answer = (res) => res.writeHead(404).end();
      expect(await failure(importUrl())).toMatchObject({
        code: 'upstream_bad_response',
        details: { status: 404 },
      });
      answer = (res) => res.writeHead(503).end('down');
      expect(await failure(importUrl())).toMatchObject({
        code: 'upstream_unavailable',
        details: { status: 503 },
      });
    });

    it('refuses to resume a download that nothing identifies beyond its first bytes', async () => {
      const dump = gzippedDump(3);
      answer = (res) => res.writeHead(200).end(dump);
      const error = await failure(importUrl({ resume: true }));
      expect(error).toMatchObject({ code: 'precondition_failed' });
    });
  });
});

function gzipText(text: string): Buffer {
  return gzipSync(text);
}

function gzippedDumpOf(elements: string[]): Buffer {
  return gzipText(`[${elements.join(',')}]`);
}
