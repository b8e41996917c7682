#!/usr/bin/env node
// Runs the whole Apier stack in the foreground: govsim, the three services and the gateway.
// Ctrl-C stops everything. Expects the built apps (`npm run build`) and running Postgres, Redis
// and NATS; settings come from the environment (see README "Settings").
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const rawJson = process.argv.includes('--json');
const env = { ...process.env };
const host = env.HOST ?? '127.0.0.1';
const gatewayPort = env.PORT ?? '3000';
const govsimPort = env.GOVSIM_PORT ?? '4000';
const govsimUrl = `http://127.0.0.1:${govsimPort}`;
const colours = {
  govsim: 35,
  'registry-sync': 36,
  'auth-broker': 33,
  filing: 34,
  gateway: 32,
  'db-migrate': 90,
};
const children = new Map();
let stopping = false;

function endpoint(url, fallbackPort) {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || fallbackPort) };
}

function reachable({ host: h, port }) {
  return new Promise((done) => {
    const socket = connect({ host: h, port, timeout: 1500 });
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
    socket.once('timeout', () => (socket.destroy(), done(false)));
  });
}

function print(name, line) {
  if (rawJson) return process.stdout.write(`${name} ${line}\n`);
  let text = line;
  try {
    const { level, msg, time, service, pid, hostname, trace_id, span_id, request_id, ...rest } =
      JSON.parse(line);
    const extra = Object.entries(rest)
      .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`)
      .join(' ');
    text = `${String(level).padEnd(5)} ${msg}${extra ? `  ${extra}` : ''}${trace_id ? `  trace=${trace_id.slice(0, 8)}` : ''}`;
  } catch {
    // plain text (e.g. a crash message) is printed as it is
  }
  process.stdout.write(`\x1b[${colours[name] ?? 0}m${name.padEnd(13)}\x1b[0m ${text}\n`);
}

function run(name, script, extraEnv = {}) {
  const child = spawn(process.execPath, [resolve(root, script)], {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.set(name, child);
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on('line', (l) => print(name, l));
  const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  exited.then(({ code, signal }) => {
    children.delete(name);
    if (!stopping && name !== 'db-migrate') {
      print(name, `exited (${signal ?? code}); stopping the stack`);
      void shutdown(1);
    }
  });
  return exited;
}

async function waitForHttp(url, name, timeoutMs = 30_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (!children.has(name)) throw new Error(`${name} stopped during start-up`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} did not answer ${url} within ${timeoutMs / 1000} s`);
}

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  const waits = [...children.values()].map(
    (c) => new Promise((done) => (c.exitCode !== null ? done() : c.once('exit', done))),
  );
  for (const child of children.values()) child.kill('SIGTERM');
  const timer = setTimeout(() => [...children.values()].forEach((c) => c.kill('SIGKILL')), 8_000);
  await Promise.all(waits);
  clearTimeout(timer);
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function main() {
  const services = {
    PostgreSQL: endpoint(env.DATABASE_URL ?? 'postgresql://127.0.0.1:5432/apier', 5432),
    Redis: endpoint(env.REDIS_URL ?? 'redis://127.0.0.1:6379', 6379),
    NATS: endpoint((env.NATS_URL ?? 'nats://127.0.0.1:4222').split(',')[0], 4222),
  };
  for (const [name, target] of Object.entries(services)) {
    if (!(await reachable(target))) {
      console.error(
        `${name} is not reachable at ${target.host}:${target.port}. Start it (see README "Local services") or set its URL.`,
      );
      process.exit(1);
    }
  }

  const migrated = await run('db-migrate', 'libs/db/dist/migrations/migrate-cli.js');
  if (migrated.code !== 0) return shutdown(1);

  const upstream = {
    BRREG_BASE_URL: env.BRREG_BASE_URL ?? `${govsimUrl}/enhetsregisteret/api`,
    SKATTEETATEN_BASE_URL: env.SKATTEETATEN_BASE_URL ?? `${govsimUrl}/skatteetaten`,
    NAV_AAREG_BASE_URL: env.NAV_AAREG_BASE_URL ?? `${govsimUrl}/nav/aareg`,
    SANDBOX_BRREG_BASE_URL: env.SANDBOX_BRREG_BASE_URL ?? `${govsimUrl}/enhetsregisteret/api`,
    SANDBOX_SKATTEETATEN_BASE_URL: env.SANDBOX_SKATTEETATEN_BASE_URL ?? `${govsimUrl}/skatteetaten`,
    SANDBOX_NAV_AAREG_BASE_URL: env.SANDBOX_NAV_AAREG_BASE_URL ?? `${govsimUrl}/nav/aareg`,
  };
  run('govsim', 'apps/govsim/dist/main.js', {
    PORT: govsimPort,
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: govsimUrl,
  });
  await waitForHttp(`${govsimUrl}/govsim/health`, 'govsim');
  const maskinporten = {
    MASKINPORTEN_ISSUER: env.MASKINPORTEN_ISSUER ?? `${govsimUrl}/maskinporten/`,
    GOVSIM_CONTROL_URL: env.GOVSIM_CONTROL_URL ?? `${govsimUrl}/govsim/control`,
    ALTINN_PLATFORM_URL: env.ALTINN_PLATFORM_URL ?? govsimUrl,
  };
  for (const name of ['registry-sync', 'auth-broker', 'filing']) {
    run(name, `apps/${name}/dist/main.js`, { ...upstream, ...maskinporten });
  }
  run('gateway', 'apps/gateway/dist/main.js', { PORT: gatewayPort, HOST: host });
  const gateway = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${gatewayPort}`;
  await waitForHttp(`${gateway}/health/ready`, 'gateway');

  process.stdout.write(
    [
      '',
      'Apier is running. Ctrl-C stops everything.',
      `  gateway      ${gateway}`,
      `  sandbox      curl ${gateway}/api/v1/sandbox/public/company/999999999/context`,
      `  migration    curl '${gateway}/api/v1/tools/altinn-migration?role=REGNA'`,
      `  dry run      POST ${gateway}/api/v1/sandbox/public/actions/execute?dry_run=true (see README, Filing)`,
      `  approvals    ${gateway}/approvals/login (approvers: npm run -s apier -- approvers create …)`,
      `  OpenAPI      ${gateway}/docs`,
      `  health       ${gateway}/health/ready`,
      `  metrics      ${gateway}/metrics`,
      `  govsim       ${govsimUrl}`,
      '',
    ].join('\n') + '\n',
  );
}

main().catch((error) => {
  console.error(error.message);
  void shutdown(1);
});
