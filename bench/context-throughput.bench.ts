/**
 * Company context throughput: warm, authenticated `GET /api/v1/company/:orgnr/context` through the
 * real gateway (API key, NATS to registry-sync, snapshots from Postgres, delegation state from the
 * auth-broker), against a bare Fastify server in its own process answering with the same JSON
 * bytes, measured in the same run with the same load generator: requests per second at a fixed
 * number of connections, and p50/p99 latency at a fixed request rate both can sustain.
 *
 * The services log at `warn`: at `info` every request writes access and RPC log lines, which the
 * harness would read and store, measuring the harness rather than Apier.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { AppProcess, type AppName } from '../e2e/support/app-process';
import { freePort } from '../e2e/support/free-port';
import { Stack } from '../e2e/support/stack';
import { load, type LoadResult } from './support/load';
import { type Figure, report } from './support/report';

const CONNECTIONS = Number(process.env['BENCH_CONTEXT_CONNECTIONS'] ?? 20);
const SECONDS = Number(process.env['BENCH_CONTEXT_SECONDS'] ?? 10);
const RATE = Number(process.env['BENCH_CONTEXT_RATE'] ?? 50);
const PEPPER = 'bench-api-key-pepper-0123456789abcdefgh';
const ADMIN_CLI = resolve(__dirname, '../apps/gateway/dist/admin-cli/apier-cli.js');
const STATIC_SERVER = resolve(__dirname, 'support/static-json-server.ts');
const QUIET_APPS: AppName[] = ['auth-broker', 'registry-sync', 'gateway'];
const run = promisify(execFile);

async function main(): Promise<void> {
  // govsim through the harness (it answers only the warm-up); the measured apps started quietly
  const stack = await Stack.start({ apps: ['govsim'], env: { API_KEY_PEPPER: PEPPER } });
  const port = await freePort();
  const quiet = QUIET_APPS.map(
    (name) =>
      new AppProcess(name, {
        ...stack.env,
        LOG_LEVEL: 'warn',
        ...(name === 'gateway' ? { PORT: String(port) } : {}),
      }),
  );
  const dir = mkdtempSync(join(tmpdir(), 'bench-context-'));
  const gatewayUrl = `http://127.0.0.1:${port}`;
  let baseline: ReturnType<typeof spawn> | undefined;
  try {
    for (const app of quiet) app.start();
    const apiKey = await issueApiKey(stack);
    const orgnr = '999999999';
    const url = `${gatewayUrl}/api/v1/company/${orgnr}/context`;
    const headers = { authorization: `Bearer ${apiKey}` };
    const body = await warmUp(url, headers, quiet);

    const file = join(dir, 'context.json');
    writeFileSync(file, body);
    baseline = spawn(process.execPath, ['-r', '@swc-node/register', STATIC_SERVER, file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const baselinePort = await firstLine(baseline);
    const baselineUrl = `http://127.0.0.1:${baselinePort}/api/v1/company/${orgnr}/context`;
    if ((await (await fetch(baselineUrl)).text()) !== body) throw new Error('baseline answers other bytes');

    const settings = { connections: CONNECTIONS, seconds: SECONDS };
    const gatewayMax = checked('gateway', await load({ url, headers, ...settings }));
    const bareMax = checked('bare', await load({ url: baselineUrl, headers, ...settings }));
    const gatewayPaced = checked('gateway', await load({ url, headers, ...settings, rate: RATE }));
    const barePaced = checked('bare', await load({ url: baselineUrl, headers, ...settings, rate: RATE }));

    const bare = `bare Fastify, same ${body.length} bytes`;
    const figures: Figure[] = [
      {
        name: 'warm context, max throughput',
        value: gatewayMax.requestsPerSecond,
        unit: 'req/s',
        ratio: gatewayMax.requestsPerSecond / bareMax.requestsPerSecond,
        baseline: `${bare}: ${Math.round(bareMax.requestsPerSecond)} req/s`,
        note: `${CONNECTIONS} connections, ${SECONDS} s each, autocannon`,
      },
      {
        name: `p50 at ${RATE} req/s`,
        value: gatewayPaced.p50Ms,
        unit: 'ms',
        ratio: gatewayPaced.p50Ms / Math.max(barePaced.p50Ms, 0.001),
        baseline: `${bare}: ${barePaced.p50Ms} ms`,
      },
      {
        name: `p99 at ${RATE} req/s`,
        value: gatewayPaced.p99Ms,
        unit: 'ms',
        ratio: gatewayPaced.p99Ms / Math.max(barePaced.p99Ms, 0.001),
        baseline: `${bare}: ${barePaced.p99Ms} ms`,
        note: `autocannon latency histogram (1 ms resolution); ${RATE} req/s is ${Math.round((100 * RATE) / gatewayMax.requestsPerSecond)}% of the gateway's max in this run`,
      },
    ];
    report('context-throughput', figures);
  } finally {
    baseline?.kill();
    await Promise.all(quiet.map((app) => app.stop()));
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function issueApiKey(stack: Stack): Promise<string> {
  const env = {
    PATH: process.env['PATH'] ?? '',
    DATABASE_URL: stack.db.url,
    DATABASE_SCHEMA: stack.db.schema,
    API_KEY_PEPPER: PEPPER,
    LOG_LEVEL: 'warn',
  };
  const admin = async (args: string[]) =>
    JSON.parse((await run(process.execPath, [ADMIN_CLI, ...args], { env })).stdout);
  const { account } = await admin(['accounts', 'create', '--name', 'Bench Regnskap AS']);
  const issued = await admin([
    'keys',
    'issue',
    '--account',
    account.id,
    '--mode',
    'test',
    '--scopes',
    'company:read',
  ]);
  return issued.api_key as string;
}

/**
 * Until the services answer and the auth-broker reports the delegation (not "unknown"), then a
 * few hundred requests so snapshots, connection pools and JIT are warm. Returns one answer's bytes.
 */
async function warmUp(url: string, headers: Record<string, string>, apps: AppProcess[]): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const stopped = apps.find((app) => !app.running);
    if (stopped) throw new Error(`${stopped.name} exited:\n${stopped.rawOutput.slice(-20).join('\n')}`);
    const response = await fetch(url, { headers }).catch(() => undefined);
    const text = response?.ok ? await response.text() : '';
    if (
      text &&
      (JSON.parse(text) as { delegation: { data: { state: string } } }).delegation.data.state !== 'unknown'
    ) {
      break;
    }
    if (Date.now() > deadline) throw new Error(`the context did not become available: ${response?.status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  let body = '';
  for (let i = 0; i < 300; i++) body = await (await fetch(url, { headers })).text();
  return body;
}

function checked(target: string, result: LoadResult): LoadResult {
  if (result.failures > 0 || result.requests === 0) {
    throw new Error(`${target}: ${result.failures} failed of ${result.requests} requests`);
  }
  return result;
}

function firstLine(child: ReturnType<typeof spawn>): Promise<string> {
  return new Promise((resolveLine, reject) => {
    child.once('exit', (code) => reject(new Error(`baseline server exited ${code}`)));
    createInterface({ input: child.stdout! }).once('line', resolveLine);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
