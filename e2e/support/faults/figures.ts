import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type Figures = Record<string, string | number>;

export const OUT_DIR = resolve(__dirname, '../../../.test-output/faults');

/**
 * Prints a scenario's figures as a small table (what the README's "last figures" are copied from)
 * and keeps them as JSON under `.test-output/faults/`.
 */
export function reportFigures(scenario: string, figures: Figures): void {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  const lines = Object.entries(figures).map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
  console.log(`fault scenario: ${scenario}\n${lines.join('\n')}`);
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(
    join(OUT_DIR, `${scenario}.json`),
    JSON.stringify({ scenario, at: new Date().toISOString(), figures }, null, 2),
  );
}

export const countBy = (values: string[]): Record<string, number> =>
  values.reduce<Record<string, number>>((counts, v) => ({ ...counts, [v]: (counts[v] ?? 0) + 1 }), {});

export const formatCounts = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'none';
