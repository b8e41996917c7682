import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { expectProblem } from './support/expect-problem';
import { readJson } from './support/read-json';
import { Stack } from './support/stack';

const CLI = resolve(__dirname, '../apps/gateway/dist/admin-cli/apier-cli.js');
const PEPPER = 'e2e-api-key-pepper-0123456789abcdefgh';
const INVALID_TOKEN = 'Bearer realm="apier", error="invalid_token"';
const run = promisify(execFile);

// Each CLI run is a fresh Node process that connects to Postgres: about two seconds.
jest.setTimeout(30_000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Runs the built admin CLI against a stack's database, as an operator would. */
async function apier(
  stack: Stack,
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<Json> {
  const settings = {
    PATH: process.env['PATH'] ?? '',
    DATABASE_URL: stack.db.url,
    DATABASE_SCHEMA: stack.db.schema,
    API_KEY_PEPPER: PEPPER,
    LOG_LEVEL: 'warn',
    ...env,
  };
  const defined = Object.entries(settings).filter((e): e is [string, string] => e[1] !== undefined);
  const { stdout } = await run(process.execPath, [CLI, ...args], { env: Object.fromEntries(defined) });
  return JSON.parse(stdout);
}

/**
 * Every non-public route needs `Authorization: Bearer apier_…`. Keys come from the admin CLI,
 * exactly as an operator issues them; the gateways run as real processes, one per environment.
 */
describe('API keys guard the API', () => {
  let testStack: Stack;
  let liveStack: Stack;
  let accountId: string;
  const issuedKeys: string[] = [];
  const responseBodies: string[] = [];

  async function call(stack: Stack, path: string, key?: string, scheme = 'Bearer'): Promise<Response> {
    const response = await fetch(stack.gatewayUrl + path, {
      headers: key === undefined ? {} : { authorization: `${scheme} ${key}` },
    });
    responseBodies.push(await response.clone().text());
    return response;
  }

  async function issue(stack: Stack, mode: 'test' | 'live', extra: string[] = []): Promise<Json> {
    const account =
      stack === testStack
        ? accountId
        : (await apier(stack, ['accounts', 'create', '--name', 'Live AS'])).account.id;
    const issued = await apier(stack, ['keys', 'issue', '--account', account, '--mode', mode, ...extra]);
    issuedKeys.push(issued.api_key);
    return issued;
  }

  beforeAll(async () => {
    [testStack, liveStack] = await Promise.all([
      Stack.start({ apps: ['gateway'], env: { API_KEY_PEPPER: PEPPER } }),
      Stack.start({ apps: ['gateway'], env: { API_KEY_PEPPER: PEPPER, APIER_ENVIRONMENT: 'live' } }),
    ]);
    accountId = (await apier(testStack, ['accounts', 'create', '--name', 'Regnskap AS'])).account.id;
  }, 60_000);
  afterAll(async () => {
    await Promise.all([testStack?.stop(), liveStack?.stop()]);
  });

  it('prints the full key once, at issue, and keeps only its hash', async () => {
    const issued = await issue(testStack, 'test', ['--name', 'ci', '--scopes', 'company:read']);
    expect(issued.api_key).toMatch(/^apier_test_[0-9A-Za-z]{61}$/);
    expect(issued.key).toMatchObject({
      account_id: accountId,
      mode: 'test',
      name: 'ci',
      scopes: ['company:read'],
      prefix: issued.api_key.slice(0, 'apier_test_'.length + 12),
      last_four: issued.api_key.slice(-4),
      last_used_at: null,
      revoked_at: null,
    });
    expect(issued.key).not.toHaveProperty('hash');
    const listed = await apier(testStack, ['keys', 'list', '--account', accountId]);
    expect(listed.keys.map((k: Json) => k.key_id)).toContain(issued.key.key_id);
    expect(JSON.stringify(listed)).not.toContain(issued.api_key.slice(11));
    expect(listed.keys.every((k: Json) => !('hash' in k))).toBe(true);
  });

  it('answers a request without a key with 401 and a bare Bearer challenge', async () => {
    for (const path of ['/api/v1/me', '/api/v1/company/999999999/context']) {
      const response = await call(testStack, path);
      await expectProblem(response, 401, 'unauthenticated');
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="apier"');
    }
    const basic = await call(testStack, '/api/v1/me', 'dXNlcjpwYXNz', 'Basic');
    await expectProblem(basic, 401, 'unauthenticated');
  });

  it('answers a malformed key with 401 invalid_token', async () => {
    const { api_key: key } = await issue(testStack, 'test');
    const broken = key.slice(0, -1) + (key.endsWith('a') ? 'b' : 'a');
    for (const token of ['not-a-key', broken, `${key}x`]) {
      const response = await call(testStack, '/api/v1/me', token);
      await expectProblem(response, 401, 'api_key_malformed');
      expect(response.headers.get('www-authenticate')).toBe(INVALID_TOKEN);
    }
  });

  it('answers an unknown key with 401 invalid_token and a generic message', async () => {
    // Well formed, but issued into another deployment's database.
    const { api_key: elsewhere } = await issue(liveStack, 'test');
    const response = await call(testStack, '/api/v1/me', elsewhere);
    const problem = await expectProblem(response, 401, 'api_key_invalid');
    expect(problem.detail).toBe('The API key is unknown, revoked or expired');
    expect(response.headers.get('www-authenticate')).toBe(INVALID_TOKEN);
  });

  it('tells the caller who it is on /api/v1/me, never the key or its hash', async () => {
    const { api_key: key, key: issued } = await issue(testStack, 'test', ['--name', 'erp', '--scopes', '']);
    const response = await call(testStack, '/api/v1/me', key);
    expect(response.status).toBe(200);
    const me = await readJson(response);
    expect(me).toEqual({
      account_id: accountId,
      account_name: 'Regnskap AS',
      key: {
        key_id: issued.key_id,
        prefix: issued.prefix,
        mode: 'test',
        name: 'erp',
        last_four: key.slice(-4),
        scopes: [],
        created_at: issued.created_at,
        last_used_at: me.key.last_used_at,
        expires_at: null,
      },
    });
    // This very request is a use; it may or may not be written by the time /me reads the row.
    expect(me.key.last_used_at === null || Date.parse(me.key.last_used_at) > Date.now() - 60_000).toBe(true);
  });

  it('records when a key was last used', async () => {
    const { api_key: key, key: issued } = await issue(testStack, 'test');
    expect((await call(testStack, '/api/v1/me', key)).status).toBe(200);
    let lastUsed: string | null = null;
    for (let i = 0; i < 40 && !lastUsed; i++) {
      const { keys } = await apier(testStack, ['keys', 'list', '--account', accountId]);
      lastUsed = keys.find((k: Json) => k.key_id === issued.key_id).last_used_at;
      if (!lastUsed) await new Promise((r) => setTimeout(r, 100));
    }
    expect(Date.parse(lastUsed!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refuses a key on the very next request after it is revoked', async () => {
    const { api_key: key, key: issued } = await issue(testStack, 'test');
    expect((await call(testStack, '/api/v1/me', key)).status).toBe(200);

    const revoked = await apier(testStack, ['keys', 'revoke', issued.key_id]);
    expect(revoked.key).toMatchObject({ key_id: issued.key_id, revoked_at: expect.any(String) });

    const response = await call(testStack, '/api/v1/me', key);
    await expectProblem(response, 401, 'api_key_invalid');
    expect(response.headers.get('www-authenticate')).toBe(INVALID_TOKEN);
  });

  it('keeps test keys out of the live environment and live keys out of the test environment', async () => {
    const { api_key: liveKey } = await issue(testStack, 'live');
    const inTest = await call(testStack, '/api/v1/me', liveKey);
    const testProblem = await expectProblem(inTest, 401, 'api_key_wrong_environment');
    expect(testProblem.accepted_mode).toBe('test');
    expect(inTest.headers.get('www-authenticate')).toBe(INVALID_TOKEN);

    const { api_key: testKey } = await issue(liveStack, 'test');
    const inLive = await call(liveStack, '/api/v1/me', testKey);
    expect((await expectProblem(inLive, 401, 'api_key_wrong_environment')).accepted_mode).toBe('live');

    const { api_key: ownLiveKey } = await issue(liveStack, 'live');
    const ok = await call(liveStack, '/api/v1/me', ownLiveKey);
    expect(ok.status).toBe(200);
    expect((await readJson(ok)).key.mode).toBe('live');
  });

  it('will not issue a live key hashed with the public test-only pepper', async () => {
    await expect(
      apier(testStack, ['keys', 'issue', '--account', accountId, '--mode', 'live'], {
        API_KEY_PEPPER: undefined,
      }),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/"code":"validation_failed".*API_KEY_PEPPER/),
    });
  });

  it('answers a key without the route’s scope with 403 insufficient_scope', async () => {
    const { api_key: key } = await issue(testStack, 'test', ['--scopes', 'actions:read']);
    const response = await call(testStack, '/api/v1/company/999999999/context', key);
    const problem = await expectProblem(response, 403, 'forbidden_scope');
    expect(problem.required_scope).toBe('company:read');
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer realm="apier", error="insufficient_scope", scope="company:read"',
    );
  });

  it('lets a key with company:read through to the company context', async () => {
    const { api_key: key } = await issue(testStack, 'test', ['--scopes', 'company:read']);
    await expectProblem(
      await call(testStack, '/api/v1/company/123456789/context', key),
      400,
      'invalid_orgnr',
    );
    // registry-sync is not part of this stack, so past the guard the request finds no responder.
    await expectProblem(
      await call(testStack, '/api/v1/company/999999999/context', key),
      503,
      'service_unavailable',
    );
  });

  it('documents the protected routes with the bearer scheme and leaves public ones open', async () => {
    const doc = await readJson(await fetch(`${testStack.gatewayUrl}/docs`));
    expect(doc.paths['/api/v1/me'].get.security).toEqual([{ apiKey: [] }]);
    expect(doc.paths['/api/v1/company/{orgnr}/context'].get.security).toEqual([{ apiKey: [] }]);
    expect(doc.paths['/api/v1/sandbox/public/company/{orgnr}/context'].get.security).toEqual([]);
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('never lets a full key into a response or a gateway log line', async () => {
    expect(issuedKeys.length).toBeGreaterThan(8);
    expect(responseBodies.length).toBeGreaterThan(15);
    const output = [...testStack.app('gateway').rawOutput, ...liveStack.app('gateway').rawOutput].join('\n');
    expect(output).toContain('api key refused');
    for (const key of issuedKeys) {
      const secretPart = key.slice('apier_test_'.length + 12);
      expect(output).not.toContain(secretPart);
      for (const body of responseBodies) expect(body).not.toContain(secretPart);
    }
  });
});
