/**
 * Company context throughput: warm, authenticated `GET /api/v1/company/:orgnr/context` through the
 * real gateway (API key, NATS to registry-sync, snapshots from Postgres, delegation state from the
 * auth-broker), against a bare Fastify server in its own process answering with the same JSON
 * bytes, measured in the same run with the same load generator: requests per second at a fixed
 * number of connections, and p50/p99 latency at a fixed request rate both can sustain.
 *
 * `BENCH_CPU_PROF_DIR=<dir>` also profiles each service during the max-throughput run and writes
 * `<dir>/<app>.cpuprofile` (summarise with `bench/support/cpu-profile-summary.ts`).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AppName } from '../e2e/support/app-process';
import { checked, ContextStack } from './support/context-stack';
import { load } from './support/load';
import { type Figure, report } from './support/report';
import { usageNow, usageReporting } from './support/usage';

const CONNECTIONS = Number(process.env['BENCH_CONTEXT_CONNECTIONS'] ?? 20);
const SECONDS = Number(process.env['BENCH_CONTEXT_SECONDS'] ?? 10);
const RATE = Number(process.env['BENCH_CONTEXT_RATE'] ?? 50);
const APPS: AppName[] = ['auth-broker', 'registry-sync', 'gateway'];
const BARE = 'bare-fastify';
const PROFILE_DIR = process.env['BENCH_CPU_PROF_DIR'];
const PROFILER = resolve(__dirname, 'support/cpu-profiler.cjs');

async function main(): Promise<void> {
  const usageDir = mkdtempSync(join(tmpdir(), 'bench-context-usage-'));
  const world = await ContextStack.start(APPS, (name) => {
    const usage = usageReporting(usageDir, name);
    if (!PROFILE_DIR) return usage;
    return {
      ...usage,
      NODE_OPTIONS: `${usage['NODE_OPTIONS']} --require ${PROFILER}`,
      BENCH_CPU_PROF_DIR: PROFILE_DIR,
      BENCH_CPU_PROF_NAME: name,
    };
  });
  try {
    const { url, headers } = world;
    const body = await world.warmUp();
    const baselineUrl = await world.startBaseline(body, usageReporting(usageDir, BARE));

    const settings = { connections: CONNECTIONS, seconds: SECONDS };
    await profiler('start');
    const cpuBefore = usageNow(usageDir, APPS);
    const gatewayMax = checked('gateway', await load({ url, headers, ...settings }));
    // the reporters write every 100 ms: wait for a report that covers the whole run
    await new Promise((r) => setTimeout(r, 300));
    const cpuAfter = usageNow(usageDir, APPS);
    await profiler('stop');
    const cpuMsPerRequest = new Map(
      APPS.map((app) => [
        app,
        (cpuAfter.get(app)!.cpuUs - cpuBefore.get(app)!.cpuUs) / 1000 / gatewayMax.requests,
      ]),
    );
    const cpuTotal = [...cpuMsPerRequest.values()].reduce((a, b) => a + b, 0);
    const bareCpuBefore = usageNow(usageDir, [BARE]).get(BARE)!.cpuUs;
    const bareMax = checked('bare', await load({ url: baselineUrl, headers, ...settings }));
    await new Promise((r) => setTimeout(r, 300));
    const bareCpuMs = (usageNow(usageDir, [BARE]).get(BARE)!.cpuUs - bareCpuBefore) / 1000 / bareMax.requests;
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
      {
        name: 'CPU time per request, all services',
        value: cpuTotal,
        unit: 'ms',
        ratio: cpuTotal / bareCpuMs,
        baseline: `${bare}: ${(bareCpuMs * 1000).toFixed(0)} µs`,
        note: `during the max-throughput run: ${APPS.map((a) => `${a} ${cpuMsPerRequest.get(a)!.toFixed(2)}`).join(', ')} ms; steadier than req/s on a shared machine`,
      },
    ];
    report('context-throughput', figures);
  } finally {
    await world.stop();
    rmSync(usageDir, { recursive: true, force: true });
  }
}

/** Starts or stops the preloaded profiler in every measured service (see support/cpu-profiler.cjs). */
async function profiler(step: 'start' | 'stop'): Promise<void> {
  if (!PROFILE_DIR) return;
  mkdirSync(PROFILE_DIR, { recursive: true });
  writeFileSync(join(PROFILE_DIR, step), '');
  // the services poll every 100 ms; writing a profile takes a moment more
  await new Promise((r) => setTimeout(r, step === 'start' ? 500 : 3_000));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
