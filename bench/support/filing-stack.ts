import { HealthReplySchema, SUBJECTS } from '@apier/contracts';
import { RpcClient } from '@apier/platform';
import { osloToday } from '@apier/mva';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { connect, type NatsConnection } from 'nats';
import { AppProcess, type AppName } from '../../e2e/support/app-process';
import { freePort } from '../../e2e/support/free-port';
import { Stack } from '../../e2e/support/stack';
import { usageOf, usageReporting } from './usage';

const PEPPER = 'bench-api-key-pepper-0123456789abcdefgh';
const ADMIN_CLI = resolve(__dirname, '../../apps/gateway/dist/admin-cli/apier-cli.js');
const VAT_PACKAGE = 'urn:altinn:accesspackage:merverdiavgift';
const QUIET_APPS: AppName[] = ['registry-sync', 'auth-broker', 'filing', 'gateway'];
const PROFILE_DIR = process.env['BENCH_CPU_PROF_DIR'];
const PROFILER = resolve(__dirname, 'cpu-profiler.cjs');
const run = promisify(execFile);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/**
 * The filing stack of the benchmark: govsim through the e2e harness, and the measured services
 * started at `warn`, because at `info` the harness would read and store every log line of every
 * filing and the bench would measure the harness rather than Apier. Readiness is asked over NATS
 * and HTTP instead of read from the log.
 */
export class FilingStack {
  account = { id: '', key: '' };

  private constructor(
    readonly stack: Stack,
    readonly apps: AppProcess[],
    private readonly usageDir: string,
    readonly gatewayUrl: string,
    readonly nc: NatsConnection,
    readonly rpc: RpcClient,
  ) {}

  static async start(env: Record<string, string>): Promise<FilingStack> {
    const stack = await Stack.start({ apps: ['govsim'], env: { API_KEY_PEPPER: PEPPER, ...env } });
    const port = await freePort();
    const usageDir = mkdtempSync(join(tmpdir(), 'bench-filing-usage-'));
    const apps = QUIET_APPS.map((name) => {
      const usage = usageReporting(usageDir, name);
      return new AppProcess(name, {
        ...stack.env,
        LOG_LEVEL: 'warn',
        ...(name === 'gateway' ? { PORT: String(port) } : {}),
        ...usage,
        ...(PROFILE_DIR
          ? {
              NODE_OPTIONS: `${usage['NODE_OPTIONS']} --require ${PROFILER}`,
              BENCH_CPU_PROF_DIR: PROFILE_DIR,
              BENCH_CPU_PROF_NAME: name,
            }
          : {}),
      });
    });
    const nc = await connect({ servers: stack.env['NATS_URL'] });
    const world = new FilingStack(
      stack,
      apps,
      usageDir,
      `http://127.0.0.1:${port}`,
      nc,
      new RpcClient(nc, `${stack.token}.`, 30_000),
    );
    try {
      for (const app of apps) app.start();
      await world.waitUntilReady();
      const { account } = await world.cli(['accounts', 'create', '--name', 'Bench Regnskap AS']);
      const issued = await world.cli([
        'keys',
        'issue',
        '--account',
        account.id,
        '--mode',
        'test',
        '--scopes',
        'delegations:read,delegations:write,company:read,actions:read,actions:write',
      ]);
      world.account = { id: account.id, key: issued.api_key };
    } catch (error) {
      await world.stop();
      throw error;
    }
    return world;
  }

  async stop(): Promise<void> {
    await this.nc.drain().catch(() => undefined);
    await Promise.all(this.apps.map((app) => app.stop()));
    await this.stack.stop();
    rmSync(this.usageDir, { recursive: true, force: true });
  }

  /** CPU microseconds each measured service has used so far (as its usage reporter last wrote). */
  cpuUs(): Map<AppName, number> {
    return new Map(QUIET_APPS.map((name) => [name, usageOf(this.usageDir, name).cpuUs]));
  }

  /**
   * With `BENCH_CPU_PROF_DIR` set, starts or stops the profiler preloaded into every measured
   * service (support/cpu-profiler.cjs), which then writes `<dir>/<app>.cpuprofile`.
   */
  async profiler(step: 'start' | 'stop'): Promise<void> {
    if (!PROFILE_DIR) return;
    mkdirSync(PROFILE_DIR, { recursive: true });
    writeFileSync(join(PROFILE_DIR, step), '');
    // the services poll every 100 ms; writing a profile takes a moment more
    await new Promise((r) => setTimeout(r, step === 'start' ? 500 : 3_000));
  }

  /** The first app that died, so a bench fails with its output rather than waiting for nothing. */
  assertRunning(): void {
    const stopped = this.apps.find((app) => !app.running);
    if (stopped) throw new Error(`${stopped.name} exited:\n${stopped.rawOutput.slice(-20).join('\n')}`);
  }

  async cli(args: string[]): Promise<Json> {
    const env = {
      PATH: process.env['PATH'] ?? '',
      DATABASE_URL: this.stack.db.url,
      DATABASE_SCHEMA: this.stack.db.schema,
      API_KEY_PEPPER: PEPPER,
      LOG_LEVEL: 'warn',
    };
    return JSON.parse((await run(process.execPath, [ADMIN_CLI, ...args], { env })).stdout);
  }

  api(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
    return fetch(this.gatewayUrl + path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        authorization: `Bearer ${this.account.key}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  }

  async control(method: string, path: string, body?: unknown): Promise<Json> {
    const response = await fetch(`${this.stack.govsimUrl}/govsim/control/${path}`, {
      method,
      ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
    if (!response.ok) throw new Error(`govsim control ${method} ${path}: ${response.status}`);
    return response.json();
  }

  /** Zero-latency Skatteetaten feedback, and govsim's clock on Apier's "today". */
  async zeroLatencyGovsim(): Promise<void> {
    await this.control('PUT', 'altinn-apps/settings', { feedback_delay_ms: 0 });
    await this.control('PUT', 'mva-validation/settings', { today: osloToday() });
  }

  /** The onboarding a customer goes through: request, the company's human approves, the reconciler activates. */
  async onboard(orgnr: string): Promise<void> {
    const requested = await this.api('/api/v1/delegations/requests', {
      body: { orgnr, access_packages: [VAT_PACKAGE] },
    });
    if (requested.status !== 201) throw new Error(`delegation request for ${orgnr}: ${requested.status}`);
    const created = (await requested.json()) as Json;
    const page = await (await fetch(created.confirm_url)).text();
    const form =
      /<form method="post" action="([^"]*approve[^"]*)">\s*<input type="hidden" name="form_token" value="([^"]+)">/.exec(
        page,
      );
    if (!form) throw new Error(`no approve form on the confirm page for ${orgnr}`);
    const decided = await fetch(new URL(form[1]!.replace(/&amp;/g, '&'), this.stack.govsimUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ form_token: form[2]! }).toString(),
    });
    if (decided.status !== 200) throw new Error(`confirm page for ${orgnr}: ${decided.status}`);
    await until(`delegation for ${orgnr} active`, async () => {
      const listed = (await (await this.api(`/api/v1/company/${orgnr}/delegations`)).json()) as Json;
      return listed.delegations?.some((d: Json) => d.id === created.id && d.status === 'active');
    });
  }

  /**
   * Reads the company context once so its registry snapshots are stored: the preflight of many
   * concurrent dry runs then reads Postgres instead of queueing behind the registries' rate limits.
   */
  async warmContext(orgnr: string): Promise<void> {
    await until(`company context of ${orgnr}`, async () => {
      const response = await this.api(`/api/v1/company/${orgnr}/context`);
      return response.ok;
    });
  }

  /** An approver of the account, created by the operator CLI and signed in through the gateway. */
  async signInApprover(): Promise<{ cookie: string; csrf: string }> {
    const email = `bench-approver-${Date.now()}@example.no`;
    const created = await this.cli([
      'approvers',
      'create',
      '--account',
      this.account.id,
      '--email',
      email,
      '--name',
      'Bench Approver',
    ]);
    const response = await fetch(`${this.gatewayUrl}/approvals/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.gatewayUrl },
      body: JSON.stringify({ email, password: created.password, account_id: this.account.id }),
    });
    if (response.status !== 200) throw new Error(`approver sign-in: ${response.status}`);
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrf_token } = (await response.json()) as Json;
    return { cookie, csrf: csrf_token };
  }

  private async waitUntilReady(): Promise<void> {
    const subjects = [SUBJECTS.registry.health, SUBJECTS.auth.health, SUBJECTS.filing.health];
    await until(
      'services ready',
      async () => {
        const gateway = await fetch(`${this.gatewayUrl}/health/ready`).catch(() => undefined);
        if (!gateway?.ok) return false;
        const replies = await Promise.all(
          subjects.map((s) =>
            this.rpc.request(s, {}, HealthReplySchema, { timeoutMs: 1_000 }).then(
              () => true,
              () => false,
            ),
          ),
        );
        return replies.every(Boolean);
      },
      () => this.assertRunning(),
    );
  }
}

/** Polls `probe` until it holds; fails after `timeoutMs`, or as soon as `guard` throws. */
export async function until(
  what: string,
  probe: () => Promise<boolean>,
  guard: () => void = () => undefined,
  timeoutMs = 90_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    guard();
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
