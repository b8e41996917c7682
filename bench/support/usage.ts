import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPORTER = resolve(__dirname, 'usage-reporter.cjs');

export interface Usage {
  rss: number;
  /** The V8 heap in use; the rest of the RSS is code, native memory (WASM, buffers) and free heap pages. */
  heapUsed: number;
  cpuUs: number;
}

/** The environment that makes a process report its usage as `name` into `dir` (usage-reporter.cjs). */
export function usageReporting(dir: string, name: string): Record<string, string> {
  return { NODE_OPTIONS: `--require ${REPORTER}`, BENCH_USAGE_DIR: dir, BENCH_USAGE_NAME: name };
}

/** What the process last reported (at most 100 ms ago). */
export function usageOf(dir: string, name: string): Usage {
  return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as Usage;
}

/** Every named process's usage now, for a CPU delta over a phase. */
export function usageNow(dir: string, names: readonly string[]): Map<string, Usage> {
  return new Map(names.map((name) => [name, usageOf(dir, name)]));
}
