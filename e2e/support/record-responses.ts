import { TEST_LOG_DIR } from '@apier/testing';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every HTTP response an end-to-end test receives is also written, one line each, next to the
 * apps' logs, so the secret scan at the end of the run covers responses as well as log lines.
 */
const file = join(TEST_LOG_DIR, `responses-${process.pid}.log`);
const originalFetch = globalThis.fetch;

globalThis.fetch = async (input, init) => {
  const response = await originalFetch(input, init);
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  try {
    const body = await response.clone().text();
    mkdirSync(TEST_LOG_DIR, { recursive: true });
    appendFileSync(
      file,
      `${JSON.stringify({ url, status: response.status, headers: Object.fromEntries(response.headers), body })}\n`,
    );
  } catch {
    // a body that cannot be read (aborted, streamed) is left to the test that asked for it
  }
  return response;
};
