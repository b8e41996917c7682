import { formatFinding, scanLogDirectory, TEST_LOG_DIR } from './secret-scan/scan-log-files';

type Stoppable = { stop(): Promise<unknown> };

export default async function globalTeardown(): Promise<void> {
  const containers = (globalThis as { __APIER_CONTAINERS__?: Stoppable[] }).__APIER_CONTAINERS__ ?? [];
  await Promise.all(containers.map((c) => c.stop()));
  scanAppLogsForSecrets();
}

/**
 * DESIGN §4 invariant 3: no token, assertion, private key or API key in any log line. Scans every
 * app output file this run wrote and fails the run on any finding (reported redacted).
 */
function scanAppLogsForSecrets(): void {
  const started = Number(process.env['APIER_TEST_RUN_STARTED_MS'] ?? 0);
  // 1 s slack for coarse file-system timestamps; the setup cleared older files anyway.
  const { files, lines, findings } = scanLogDirectory(TEST_LOG_DIR, started > 0 ? started - 1_000 : 0);
  process.stdout.write(`\nsecret scan: ${files} log files, ${lines} lines, ${findings.length} findings\n`);
  if (findings.length === 0) return;
  const shown = findings.slice(0, 50).map((f) => `  - ${formatFinding(f)}`);
  if (findings.length > shown.length) shown.push(`  … and ${findings.length - shown.length} more`);
  throw new Error(`secret scan: ${findings.length} secrets in app logs of this run:\n${shown.join('\n')}`);
}
