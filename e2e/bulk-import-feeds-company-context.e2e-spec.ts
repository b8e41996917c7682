import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { CompanyContextSchema } from '@apier/contracts';
import { expectProblem } from './support/expect-problem';
import { Stack } from './support/stack';

const ADMIN_CLI = resolve(__dirname, '../apps/gateway/dist/admin-cli/apier-cli.js');
const IMPORT_CLI = resolve(__dirname, '../apps/registry-sync/dist/bulk-import/registry-import-cli.js');
const PEPPER = 'e2e-api-key-pepper-0123456789abcdefgh';
const run = promisify(execFile);

jest.setTimeout(60_000);

/**
 * An operator seeds Apier from Brreg's bulk download (govsim's, generated for another seed than
 * govsim's own world, so Brreg's single-entity route does not know these companies), and a
 * customer then reads one of the imported companies' context through the gateway.
 */
describe('bulk import feeds the company context', () => {
  let stack: Stack;
  let apiKey: string;
  const env = () => ({
    PATH: process.env['PATH'] ?? '',
    DATABASE_URL: stack.db.url,
    DATABASE_SCHEMA: stack.db.schema,
    API_KEY_PEPPER: PEPPER,
    LOG_LEVEL: 'warn',
  });
  const admin = async (args: string[]) =>
    JSON.parse((await run(process.execPath, [ADMIN_CLI, ...args], { env: env() })).stdout);
  const importDump = (args: string[]) =>
    run(process.execPath, [IMPORT_CLI, ...args], {
      env: { ...env(), BRREG_BASE_URL: `${stack.govsimUrl}/enhetsregisteret/api` },
    });
  const context = (orgnr: string) =>
    fetch(`${stack.gatewayUrl}/api/v1/company/${orgnr}/context`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });

  beforeAll(async () => {
    stack = await Stack.start({
      apps: ['govsim', 'registry-sync', 'gateway'],
      env: { API_KEY_PEPPER: PEPPER },
    });
    const { account } = await admin(['accounts', 'create', '--name', 'Bulk Regnskap AS']);
    apiKey = (
      await admin(['keys', 'issue', '--account', account.id, '--mode', 'test', '--scopes', 'company:read'])
    ).api_key;
  }, 60_000);
  afterAll(() => stack?.stop());

  it('serves an imported company that Brreg’s lookup does not know, with the download as provenance', async () => {
    const dumpUrl = `${stack.govsimUrl}/enhetsregisteret/api/enheter/lastned?antall=300&seed=4242`;
    const download = await fetch(dumpUrl);
    expect(download.status).toBe(200);
    const enheter = JSON.parse(gunzipSync(Buffer.from(await download.arrayBuffer())).toString('utf8')) as {
      organisasjonsnummer: string;
      navn: string;
    }[];
    let chosen: (typeof enheter)[number] | undefined;
    for (const enhet of enheter) {
      const single = await fetch(
        `${stack.govsimUrl}/enhetsregisteret/api/enheter/${enhet.organisasjonsnummer}`,
      );
      if (single.status === 404) {
        chosen = enhet;
        break;
      }
    }
    expect(chosen).toBeDefined();
    const orgnr = chosen!.organisasjonsnummer;
    await expectProblem(await context(orgnr), 404, 'company_not_found');

    const imported = await importDump(['--url', dumpUrl, '--quiet', '--batch', '100']);
    const summary = JSON.parse(imported.stdout);
    expect(summary).toMatchObject({
      outcome: 'imported',
      records: 300,
      records_written: 300,
      records_malformed: 0,
    });

    const response = await context(orgnr);
    expect(response.status).toBe(200);
    const body = CompanyContextSchema.parse(await response.json());
    expect(body.entity.data).toMatchObject({ orgnr, name: chosen!.navn, status: 'active' });
    expect(body.entity.provenance).toEqual({
      source: 'brreg',
      source_url: `${stack.govsimUrl}/enhetsregisteret/api/enheter/lastned`,
      fetched_at: summary.fetched_at,
      freshness: 'fresh',
      // govsim's dump element is byte for byte the body /enheter/{orgnr} would send
      content_hash: createHash('sha256').update(JSON.stringify(chosen)).digest('hex'),
    });
  });

  it('exits non-zero with a clear message when the download is refused or is not a dump', async () => {
    const refused = await importDump([
      '--url',
      `${stack.govsimUrl}/enhetsregisteret/api/enheter/lastned?antall=many`,
    ]).then(
      () => {
        throw new Error('expected the import to fail');
      },
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused.code).toBe(69);
    expect(refused.stderr).toContain(`${stack.govsimUrl}/enhetsregisteret/api/enheter/lastned answered 400`);
    expect(refused.stderr).not.toContain('antall=many');

    // a URL that answers 200 with plain JSON instead of the gzipped download
    const notDump = await importDump(['--url', `${stack.govsimUrl}/govsim/health`]).then(
      () => {
        throw new Error('expected the import to fail');
      },
      (error: { code: number; stderr: string }) => error,
    );
    expect(notDump.code).toBe(65);
    expect(notDump.stderr).toMatch(/not a complete gzip stream/);
  });
});
