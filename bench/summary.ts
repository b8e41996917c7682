/**
 * The combined table of the last run of every bench: reads `bench/results/<bench>.json` (as
 * support/report.ts writes them) and writes `bench/results/summary.md`, one section per bench in
 * the order `npm run bench` runs them, each with the time it was measured. A bench without results
 * is listed as not run, so a missing figure is never mistaken for a good one.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure } from './support/report';

const BENCHES: { bench: string; title: string }[] = [
  { bench: 'context-throughput', title: 'P1 warm authenticated company context' },
  { bench: 'token-single-flight', title: 'P2 tokens' },
  { bench: 'bulk-import', title: 'P3 registry bulk import' },
  { bench: 'feed-throughput', title: 'P3 registry incremental feed' },
  { bench: 'filing-live', title: 'P4 live filings' },
  { bench: 'memory', title: 'P5 memory' },
];

interface Result {
  bench: string;
  at: string;
  figures: Figure[];
}

export function summary(dir: string): string {
  const lines = [
    '# Benchmarks',
    '',
    'Every ratio compares with a baseline measured in the same run on the same machine.',
    '',
    '| | figure | value | ratio | baseline (same run) |',
    '| --- | --- | --- | --- | --- |',
  ];
  const notes: string[] = [];
  for (const { bench, title } of BENCHES) {
    const file = join(dir, `${bench}.json`);
    if (!existsSync(file)) {
      lines.push(`| **${title}** | not run | | | |`);
      continue;
    }
    const result = JSON.parse(readFileSync(file, 'utf8')) as Result;
    result.figures.forEach((f, i) => {
      lines.push(
        `| ${i === 0 ? `**${title}**` : ''} | ${f.name} | ${round(f.value)} ${f.unit} | ${f.ratio === undefined ? '' : `${round(f.ratio)}×`} | ${f.baseline ?? ''} |`,
      );
    });
    notes.push(`- ${title}: \`${bench}\`, measured ${result.at}; details in \`${bench}.md\`.`);
  }
  return [...lines, '', ...notes, ''].join('\n');
}

const round = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));

if (require.main === module) {
  const dir = join(__dirname, 'results');
  const markdown = summary(dir);
  writeFileSync(join(dir, 'summary.md'), markdown);
  process.stdout.write(markdown);
}
