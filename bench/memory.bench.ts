/**
 * P5 memory: resident set size of each service idle and under the P1 load (warm authenticated
 * company context at full speed through the gateway), against a bare Node/Fastify process
 * answering the same JSON, idle and under the same load, in the same run. Every process reports
 * its own RSS every 100 ms (support/usage-reporter.cjs); a phase's figure is the median of its
 * samples, with the peak beside it. The filing service is not on the context path: it shows what
 * an idle service costs while the others work.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppName } from '../e2e/support/app-process';
import { checked, ContextStack } from './support/context-stack';
import { load } from './support/load';
import { type Figure, percentile, report } from './support/report';
import { usageOf, usageReporting } from './support/usage';

const CONNECTIONS = Number(process.env['BENCH_CONTEXT_CONNECTIONS'] ?? 20);
const SECONDS = Number(process.env['BENCH_MEMORY_SECONDS'] ?? 15);
const IDLE_SECONDS = Number(process.env['BENCH_MEMORY_IDLE_SECONDS'] ?? 5);
const APPS: AppName[] = ['auth-broker', 'registry-sync', 'filing', 'gateway'];
const BARE = 'bare-fastify';
const MB = 1024 * 1024;

interface Phase {
  median: number;
  peak: number;
  /** The median V8 heap in use over the same samples. */
  heap: number;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
  const reporting = (name: string) => usageReporting(dir, name);
  const world = await ContextStack.start(APPS, reporting);
  try {
    const { url, headers } = world;
    const body = await world.warmUp();
    const baselineUrl = await world.startBaseline(body, reporting(BARE));
    const names = [...APPS, BARE];

    const idle = await sampleWhile(dir, names, new Promise((r) => setTimeout(r, IDLE_SECONDS * 1_000)));
    let requests = 0;
    const loaded = await sampleWhile(
      dir,
      names,
      load({ url, headers, connections: CONNECTIONS, seconds: SECONDS }).then((result) => {
        requests = checked('gateway', result).requests;
      }),
    );
    let bareRequests = 0;
    const bareLoaded = await sampleWhile(
      dir,
      [BARE],
      load({ url: baselineUrl, headers, connections: CONNECTIONS, seconds: SECONDS }).then((result) => {
        bareRequests = checked('bare', result).requests;
      }),
    );

    const bareIdle = idle.get(BARE)!;
    const bareLoad = bareLoaded.get(BARE)!;
    const figures: Figure[] = [
      {
        name: 'bare Node/Fastify idle',
        value: bareIdle.median / MB,
        unit: 'MB',
        note: `same JSON (${body.length} bytes) from memory; peak ${mb(bareIdle.peak)}; V8 heap ${mb(bareIdle.heap)}`,
      },
      {
        name: 'bare Node/Fastify under load',
        value: bareLoad.median / MB,
        unit: 'MB',
        note: `${bareRequests} requests in ${SECONDS} s; peak ${mb(bareLoad.peak)}; V8 heap ${mb(bareLoad.heap)}`,
      },
    ];
    for (const app of APPS) {
      const quiet = idle.get(app)!;
      const busy = loaded.get(app)!;
      figures.push(
        {
          name: `${app} idle`,
          value: quiet.median / MB,
          unit: 'MB',
          ratio: quiet.median / bareIdle.median,
          baseline: `bare Node/Fastify idle ${mb(bareIdle.median)}`,
          note: `median of ${IDLE_SECONDS} s after warm-up; peak ${mb(quiet.peak)}; V8 heap ${mb(quiet.heap)}`,
        },
        {
          name: `${app} under P1 load`,
          value: busy.median / MB,
          unit: 'MB',
          ratio: busy.median / bareLoad.median,
          baseline: `bare Node/Fastify under the same load ${mb(bareLoad.median)}`,
          note: `${requests} warm context requests, ${CONNECTIONS} connections, ${SECONDS} s; peak ${mb(busy.peak)}; V8 heap ${mb(busy.heap)}`,
        },
      );
    }
    report('memory', figures);
  } finally {
    await world.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads every named process's reported RSS every 100 ms until `work` settles. */
async function sampleWhile(
  dir: string,
  names: string[],
  work: Promise<unknown>,
): Promise<Map<string, Phase>> {
  const samples = new Map(names.map((name) => [name, [] as number[]]));
  const heaps = new Map(names.map((name) => [name, [] as number[]]));
  let done = false;
  const finished = work.finally(() => {
    done = true;
  });
  while (!done) {
    for (const name of names) {
      const { rss, heapUsed } = usageOf(dir, name);
      if (rss > 0) samples.get(name)!.push(rss);
      if (heapUsed > 0) heaps.get(name)!.push(heapUsed);
    }
    await Promise.race([finished, new Promise((r) => setTimeout(r, 100))]);
  }
  await finished;
  return new Map(
    [...samples].map(([name, values]) => {
      if (values.length === 0) throw new Error(`${name} reported no RSS`);
      const sorted = values.sort((a, b) => a - b);
      const heap = percentile(
        heaps.get(name)!.sort((a, b) => a - b),
        50,
      );
      return [name, { median: percentile(sorted, 50), peak: sorted[sorted.length - 1]!, heap }];
    }),
  );
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
