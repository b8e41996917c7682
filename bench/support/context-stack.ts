import { transformFileSync } from '@swc/core';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { AppProcess, type AppName } from '../../e2e/support/app-process';
import { freePort } from '../../e2e/support/free-port';
import { Stack } from '../../e2e/support/stack';
import type { LoadResult } from './load';

const PEPPER = 'bench-api-key-pepper-0123456789abcdefgh';
const ADMIN_CLI = resolve(__dirname, '../../apps/gateway/dist/admin-cli/apier-cli.js');
const STATIC_SERVER = resolve(__dirname, 'static-json-server.ts');
const ORGNR = '999999999';
const run = promisify(execFile);

/**
 * The stack of the company-context benches: govsim through the e2e harness (it answers only the
 * warm-up), and the measured services started at `warn`, because at `info` every request writes
 * access and RPC log lines, which the harness would read and store, measuring the harness rather
 * than Apier. `envFor` adds per-app environment (profiler or RSS reporter preloads).
 */
export class ContextStack {
  private baselineChild: ReturnType<typeof spawn> | undefined;
  private compiled: string | undefined;
  private readonly dir = mkdtempSync(join(tmpdir(), 'bench-context-'));

  private constructor(
    readonly stack: Stack,
    readonly apps: AppProcess[],
    readonly url: string,
    readonly headers: Record<string, string>,
  ) {}

  static async start(
    appNames: AppName[],
    envFor: (name: AppName) => Record<string, string> = () => ({}),
  ): Promise<ContextStack> {
    const stack = await Stack.start({ apps: ['govsim'], env: { API_KEY_PEPPER: PEPPER } });
    const port = await freePort();
    const apps = appNames.map(
      (name) =>
        new AppProcess(name, {
          ...stack.env,
          LOG_LEVEL: 'warn',
          ...(name === 'gateway' ? { PORT: String(port) } : {}),
          ...envFor(name),
        }),
    );
    const url = `http://127.0.0.1:${port}/api/v1/company/${ORGNR}/context`;
    const world = new ContextStack(stack, apps, url, {});
    try {
      for (const app of apps) app.start();
      world.headers['authorization'] = `Bearer ${await issueApiKey(stack)}`;
    } catch (error) {
      await world.stop();
      throw error;
    }
    return world;
  }

  /**
   * Until the services answer and the auth-broker reports the delegation (not "unknown"), then a
   * few hundred requests so snapshots, connection pools and JIT are warm. Returns one answer's bytes.
   */
  async warmUp(): Promise<string> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const stopped = this.apps.find((app) => !app.running);
      if (stopped) throw new Error(`${stopped.name} exited:\n${stopped.rawOutput.slice(-20).join('\n')}`);
      const response = await fetch(this.url, { headers: this.headers }).catch(() => undefined);
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
    for (let i = 0; i < 300; i++) body = await (await fetch(this.url, { headers: this.headers })).text();
    return body;
  }

  /**
   * The baseline: a bare Fastify server in its own process answering with these bytes (see
   * static-json-server.ts), checked to answer them. Returns its URL for the same path. It is
   * compiled to plain JavaScript first, so it runs on bare Node as the built apps do, without a
   * TypeScript loader in its memory.
   */
  async startBaseline(body: string, env: Record<string, string> = {}): Promise<string> {
    const file = join(this.dir, 'context.json');
    writeFileSync(file, body);
    // beside the source, so `fastify` resolves from the repository's node_modules
    const server = join(dirname(STATIC_SERVER), `.static-json-server-${process.pid}.js`);
    writeFileSync(
      server,
      transformFileSync(STATIC_SERVER, {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      }).code,
    );
    this.compiled = server;
    const child = spawn(process.execPath, [server, file], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    });
    this.baselineChild = child;
    const port = await firstLine(child);
    const url = `http://127.0.0.1:${port}/api/v1/company/${ORGNR}/context`;
    if ((await (await fetch(url)).text()) !== body) throw new Error('baseline answers other bytes');
    return url;
  }

  async stop(): Promise<void> {
    this.baselineChild?.kill();
    if (this.compiled) rmSync(this.compiled, { force: true });
    await Promise.all(this.apps.map((app) => app.stop()));
    await this.stack.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A load result that failed any request measured something else: the bench stops. */
export function checked(target: string, result: LoadResult): LoadResult {
  if (result.failures > 0 || result.requests === 0) {
    throw new Error(`${target}: ${result.failures} failed of ${result.requests} requests`);
  }
  return result;
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

function firstLine(child: ReturnType<typeof spawn>): Promise<string> {
  return new Promise((resolveLine, reject) => {
    child.once('exit', (code) => reject(new Error(`baseline server exited ${code}`)));
    createInterface({ input: child.stdout! }).once('line', resolveLine);
  });
}
