/**
 * Company context throughput: warm, authenticated `GET /api/v1/company/:orgnr/context` through the
 * real gateway (API key, NATS to registry-sync, snapshots from Postgres, delegation state from the
 * auth-broker), against a bare Fastify server in its own process answering with the same JSON
 * bytes, measured in the same run with the same load generator: requests per second at a fixed
 * number of connections, and p50/p99 latency at a fixed request rate both can sustain.
 *
 * Every figure is the median of BENCH_CONTEXT_ROUNDS rounds (default 3) of the four runs, so a
 * burst of other work on a shared machine moves one round, not the result.
 *
 * `BENCH_CPU_PROF_DIR=<dir>` also profiles each service during the first max-throughput run and writes
 * `<dir>/<app>.cpuprofile` (summarise with `bench/support/cpu-profile-summary.ts`).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AppName } from '../e2e/support/app-process';
import { checked, ContextStack } from './support/context-stack';
import { load, type LoadResult } from './support/load';
import { type Figure, percentile, report } from './support/report';
import { type Usage, usageNow, usageReporting } from './support/usage';

interface Round {
  gatewayMax: LoadResult;
  bareMax: LoadResult;
  gatewayPaced: LoadResult;
  barePaced: LoadResult;
  /** CPU milliseconds per request of each service during the gateway's max-throughput run. */
  cpuMs: Map<string, number>;
  bareCpuMs: number;
}

const CONNECTIONS = Number(process.env['BENCH_CONTEXT_CONNECTIONS'] ?? 20);
const SECONDS = Number(process.env['BENCH_CONTEXT_SECONDS'] ?? 10);
const RATE = Number(process.env['BENCH_CONTEXT_RATE'] ?? 50);
/** Rounds of all four runs; every figure is the median over them (the machine may be shared). */
const ROUNDS = Number(process.env['BENCH_CONTEXT_ROUNDS'] ?? 3);
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
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // the profile covers the first round's max-throughput run only
      if (i === 0) await profiler('start');
      const cpuBefore = usageNow(usageDir, [...APPS, BARE]);
      const gatewayMax = checked('gateway', await load({ url, headers, ...settings }));
      // the reporters write every 100 ms: wait for a report that covers the whole run
      await new Promise((r) => setTimeout(r, 300));
      const cpuBetween = usageNow(usageDir, [...APPS, BARE]);
      if (i === 0) await profiler('stop');
      const bareMax = checked('bare', await load({ url: baselineUrl, headers, ...settings }));
      await new Promise((r) => setTimeout(r, 300));
      const cpuAfter = usageNow(usageDir, [BARE]);
      const cpuMs = (name: string, from: Map<string, Usage>, to: Map<string, Usage>, requests: number) =>
        (to.get(name)!.cpuUs - from.get(name)!.cpuUs) / 1000 / requests;
      rounds.push({
        gatewayMax,
        bareMax,
        gatewayPaced: checked('gateway', await load({ url, headers, ...settings, rate: RATE })),
        barePaced: checked('bare', await load({ url: baselineUrl, headers, ...settings, rate: RATE })),
        cpuMs: new Map(APPS.map((app) => [app, cpuMs(app, cpuBefore, cpuBetween, gatewayMax.requests)])),
        bareCpuMs: cpuMs(BARE, cpuBetween, cpuAfter, bareMax.requests),
      });
    }
    const median = (pick: (round: Round) => number) =>
      percentile(
        rounds.map(pick).sort((a, b) => a - b),
        50,
      );
    const gatewayMax = { requestsPerSecond: median((r) => r.gatewayMax.requestsPerSecond) };
    const bareMax = { requestsPerSecond: median((r) => r.bareMax.requestsPerSecond) };
    const gatewayPaced = {
      p50Ms: median((r) => r.gatewayPaced.p50Ms),
      p99Ms: median((r) => r.gatewayPaced.p99Ms),
    };
    const barePaced = { p50Ms: median((r) => r.barePaced.p50Ms), p99Ms: median((r) => r.barePaced.p99Ms) };
    const cpuMsPerRequest = new Map(APPS.map((app) => [app, median((r) => r.cpuMs.get(app)!)]));
    const cpuTotal = median((r) => [...r.cpuMs.values()].reduce((a, b) => a + b, 0));
    const bareCpuMs = median((r) => r.bareCpuMs);
    const spread = rounds.map((r) => Math.round(r.gatewayMax.requestsPerSecond)).join(', ');

    const bare = `bare Fastify, same ${body.length} bytes`;
    const figures: Figure[] = [
      {
        name: 'warm context, max throughput',
        value: gatewayMax.requestsPerSecond,
        unit: 'req/s',
        ratio: gatewayMax.requestsPerSecond / bareMax.requestsPerSecond,
        baseline: `${bare}: ${Math.round(bareMax.requestsPerSecond)} req/s`,
        note: `median of ${ROUNDS} rounds (${spread} req/s), gateway and bare alternating; ${CONNECTIONS} connections, ${SECONDS} s each, autocannon`,
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
