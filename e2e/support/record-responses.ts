import { redactSecrets, SECRET_DETECTORS, TEST_LOG_DIR } from '@apier/testing';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every HTTP response an end-to-end test receives is also written, one line each, next to the
 * apps' logs, so the secret scan at the end of the run covers responses as well as log lines.
 */
const file = join(TEST_LOG_DIR, `responses-${process.pid}.log`);
const originalFetch = globalThis.fetch;

/**
 * The two answers whose purpose is to hand one secret over once — the approval token to the
 * approver who minted it, the session cookie to the approver who signed in — are written with that
 * one kind of secret redacted. Any other secret in them, and every secret anywhere else, still
 * fails the scan.
 */
const SHOWN_ONCE = [
  { path: /^\/(?:api\/v1\/)?approvals\/[^/]+\/approve$/, detector: 'approval-token' },
  { path: /^\/approvals\/login$/, detector: 'approver-session' },
];

function withoutSecretShownOnce(url: string, status: number, line: string): string {
  const path = new URL(url).pathname;
  const shown = status < 400 ? SHOWN_ONCE.find((s) => s.path.test(path)) : undefined;
  return shown
    ? redactSecrets(
        line,
        SECRET_DETECTORS.filter((d) => d.name === shown.detector),
      )
    : line;
}

globalThis.fetch = async (input, init) => {
  const response = await originalFetch(input, init);
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  try {
    const body = await response.clone().text();
    mkdirSync(TEST_LOG_DIR, { recursive: true });
    const line = JSON.stringify({
      url,
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body,
    });
    appendFileSync(file, `${withoutSecretShownOnce(url, response.status, line)}\n`);
  } catch {
    // a body that cannot be read (aborted, streamed) is left to the test that asked for it
  }
  return response;
};
