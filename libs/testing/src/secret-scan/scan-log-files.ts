import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { findSecretsInLine, redactedExcerpt } from './secret-patterns';

/** Repository root (libs/testing/src/secret-scan → four levels up). */
export const REPO_ROOT = resolve(__dirname, '../../../..');
/** Where the e2e harness appends every app output line, one file per app process. */
export const TEST_LOG_DIR = join(REPO_ROOT, '.test-output', 'logs');

export interface SecretFinding {
  detector: string;
  file: string;
  line: number;
  /** The line around the finding with every secret replaced by `[SECRET:<detector>]`. */
  excerpt: string;
}

export interface SecretScanResult {
  files: number;
  lines: number;
  findings: SecretFinding[];
}

export function scanText(text: string, file: string): { lines: number; findings: SecretFinding[] } {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const findings: SecretFinding[] = [];
  lines.forEach((line, i) => {
    findSecretsInLine(line).forEach((match, nth) =>
      findings.push({ detector: match.detector, file, line: i + 1, excerpt: redactedExcerpt(line, nth) }),
    );
  });
  return { lines: lines.length, findings };
}

/** Scans every `*.log` file in `dir` modified at or after `sinceMs` (all when omitted). */
export function scanLogDirectory(dir: string = TEST_LOG_DIR, sinceMs = 0): SecretScanResult {
  const result: SecretScanResult = { files: 0, lines: 0, findings: [] };
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.log'));
  } catch {
    return result; // no directory: nothing was logged in this run
  }
  for (const name of names.sort()) {
    const path = join(dir, name);
    if (statSync(path).mtimeMs < sinceMs) continue;
    const { lines, findings } = scanText(readFileSync(path, 'utf8'), relative(REPO_ROOT, path));
    result.files++;
    result.lines += lines;
    result.findings.push(...findings);
  }
  return result;
}

export function formatFinding(f: SecretFinding): string {
  return `${f.detector} at ${f.file}:${f.line}: ${f.excerpt}`;
}
