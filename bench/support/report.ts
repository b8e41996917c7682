import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** How the figure compares with the baseline measured in the same run. */
  ratio?: number;
  baseline?: string;
  note?: string;
}

/** Writes bench/results/<name>.json and .md and prints the Markdown table. */
export function report(bench: string, figures: Figure[]): void {
  const dir = join(__dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  const rows = figures.map(
    (f) =>
      `| ${f.name} | ${round(f.value)} ${f.unit} | ${f.ratio === undefined ? '' : `${round(f.ratio)}×`} | ${f.baseline ?? ''} | ${f.note ?? ''} |`,
  );
  const markdown = [
    `### ${bench}`,
    '',
    '| figure | value | ratio | baseline (same run) | note |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
  writeFileSync(
    join(dir, `${bench}.json`),
    JSON.stringify({ bench, at: new Date().toISOString(), figures }, null, 2),
  );
  writeFileSync(join(dir, `${bench}.md`), markdown);
  process.stdout.write(`${markdown}\n`);
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));
