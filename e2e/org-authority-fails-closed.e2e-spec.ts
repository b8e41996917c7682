import { type ApierError, AuthorizeOrgReplySchema, SUBJECTS } from '@apier/contracts';
import { RpcClient } from '@apier/platform';
import { testInfrastructure } from '@apier/testing';
import { connect, type NatsConnection } from 'nats';
import { readJson } from './support/read-json';
import { Stack } from './support/stack';

const SYSTEM_ID = '310000000_apier';
const CUSTOMER = '315678420';

/**
 * Authority for an organisation comes only from a System User token Maskinporten will issue now;
 * a missing or revoked delegation, or Maskinporten being down, is a refusal, never an allow.
 */
describe('per-org authority through the auth-broker and the fake Maskinporten', () => {
  let stack: Stack;
  let nc: NatsConnection;
  let rpc: RpcClient;
  let systemUserId: string;

  const control = async (method: string, path: string, body?: unknown) =>
    fetch(`${stack.govsimUrl}/govsim/control/${path}`, {
      method,
      ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
  const authorize = (orgnr: string, options: { fresh?: boolean; scopes?: string[] } = {}) =>
    rpc.request(
      SUBJECTS.auth.authorizeOrg,
      { orgnr, scopes: options.scopes ?? ['altinn:instances.write'], fresh: options.fresh ?? false },
      AuthorizeOrgReplySchema,
    );
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: ApierError) => error,
    );

  beforeAll(async () => {
    stack = await Stack.start({ apps: ['govsim', 'auth-broker'] });
    nc = await connect({ servers: testInfrastructure().natsUrl });
    rpc = new RpcClient(nc, `${stack.token}.`, 5_000);
    await control('POST', 'altinn/systems', {
      id: SYSTEM_ID,
      vendor_orgnr: '310000000',
      client_ids: ['apier-local'],
    });
    systemUserId = (
      await readJson(
        await control('POST', 'altinn/system-users', {
          system_id: SYSTEM_ID,
          orgnr: CUSTOMER,
          access_packages: ['urn:altinn:accesspackage:merverdiavgift'],
        }),
      )
    ).id;
  }, 60_000);
  afterAll(async () => {
    await nc?.drain();
    await stack?.stop();
  });

  it('authorises an org with an active System User, then serves the confirmation from the cache', async () => {
    const first = await authorize(CUSTOMER);
    expect(first).toMatchObject({
      orgnr: CUSTOMER,
      authorized: true,
      source: 'maskinporten',
      scopes: ['altinn:instances.write'],
    });
    expect(Date.parse(first.valid_until)).toBeGreaterThan(Date.now());
    const again = await authorize(CUSTOMER);
    expect(again.source).toBe('cache');
    const grants = await readJson(await control('GET', 'maskinporten/grants'));
    expect(grants.filter((g: { systemUserOrg: string }) => g.systemUserOrg === CUSTOMER)).toHaveLength(1);
  });

  it('refuses an org that never delegated to Apier (MP-303 → delegation_inactive)', async () => {
    expect(await refusal(authorize('999999999'))).toMatchObject({
      code: 'delegation_inactive',
      retryable: false,
      details: { orgnr: '999999999', maskinporten_code: 'MP-303' },
    });
  });

  it('refuses a scope Apier’s client does not hold, as a configuration error', async () => {
    expect(
      await refusal(authorize(CUSTOMER, { scopes: ['skatteetaten:not-ours'], fresh: true })),
    ).toMatchObject({ code: 'maskinporten_rejected', details: { maskinporten_code: 'MP-200' } });
  });

  it('fails closed once the company revokes the System User, for binding (fresh) checks at once', async () => {
    expect((await control('DELETE', `altinn/system-users/${systemUserId}`)).status).toBe(204);
    expect(await refusal(authorize(CUSTOMER, { fresh: true }))).toMatchObject({
      code: 'delegation_inactive',
    });
    // the refusal purged the cache too: a later non-fresh check does not resurrect the old token
    expect(await refusal(authorize(CUSTOMER))).toMatchObject({ code: 'delegation_inactive' });
  });

  it('treats Maskinporten being down as "cannot confirm": refused and retryable, never allowed', async () => {
    await control('POST', 'altinn/system-users', {
      system_id: SYSTEM_ID,
      orgnr: '315678749',
      access_packages: [],
    });
    await stack.app('govsim').stop();
    const started = Date.now();
    expect(await refusal(authorize('315678749', { fresh: true }))).toMatchObject({
      code: 'upstream_unavailable',
      retryable: true,
    });
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('never writes a token, assertion or private key to its logs', () => {
    const output = stack.app('auth-broker').rawOutput.join('\n');
    expect(output).toContain('system user token obtained');
    expect(output).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
    expect(output).not.toContain('PRIVATE KEY');
  });
});
