/**
 * Reads V8 `.cpuprofile` files and prints where the samples went: self time by package (a
 * node_modules package, Node's internals, GC, idle, or our own apps/libs) and the top functions
 * by self time. Usage: `node -r @swc-node/register bench/support/cpu-profile-summary.ts <files…>`.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  byPackage: [string, number][];
  byFunction: [string, number][];
}

export function summarise(profile: CpuProfile): ProfileSummary {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = nodes.get(id)!.callFrame;
    total += us;
    const pkg = packageOf(frame.url, frame.functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
    const fn = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const ms = (m: Map<string, number>) =>
    [...m].map(([k, v]) => [k, v / 1000] as [string, number]).sort((a, b) => b[1] - a[1]);
  return { totalMs: total / 1000, byPackage: ms(packages), byFunction: ms(functions) };
}

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  const ours = /\/(apps|libs)\/([^/]+)\//.exec(url);
  return ours ? `${ours[1]}/${ours[2]}` : shortUrl(url);
}

function shortUrl(url: string): string {
  return url.replace(/^.*node_modules\//, '').replace(/^.*\/work\/[^/]+\//, '');
}

function main(files: string[]): void {
  for (const file of files) {
    const summary = summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
    const pct = (v: number) => `${((100 * v) / summary.totalMs).toFixed(1)}%`;
    console.log(`\n## ${basename(file)} — ${summary.totalMs.toFixed(0)} ms sampled`);
    console.log('\nby package (self time):');
    for (const [k, v] of summary.byPackage.slice(0, 15)) console.log(`  ${pct(v).padStart(6)}  ${k}`);
    console.log('\ntop functions (self time):');
    for (const [k, v] of summary.byFunction.slice(0, 25)) console.log(`  ${pct(v).padStart(6)}  ${k}`);
  }
}

if (require.main === module) main(process.argv.slice(2));
