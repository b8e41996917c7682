import {
  ApierError,
  type ConfirmDelegationReply,
  SystemUserAltinnTokenRequestSchema,
} from '@apier/contracts';
import { createLogger } from '@apier/platform';
import { testInfrastructure } from '@apier/testing';
import { Redis } from 'ioredis';
import { SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DelegationRecord } from '../delegations/delegation.repository';
import { TokenCache } from '../token-cache/token-cache';
import { TokenSealer } from '../token-cache/token-sealer';
import { AltinnTokenExchange } from './altinn-token-exchange';
import { SystemUserAltinnTokens } from './system-user-altinn-tokens';

const ACCOUNT = '6f1d8a52-3c1e-4d7b-9a57-6a1f2b3c4d5e';
const ORGNR = '315678420';
const VAT = 'urn:altinn:accesspackage:merverdiavgift';
const SCOPES = ['altinn:instances.write', 'altinn:instances.read', 'skatteetaten:mvameldingvalidering'];

type Answer = { status: number; body?: string; headers?: Record<string, string> } | 'drop';

/** A real HTTP server standing in for Altinn's exchange endpoint; each test scripts its answer. */
function fakeExchange() {
  const seen: (string | undefined)[] = [];
  let answer: () => Answer | Promise<Answer> = () => ({ status: 500 });
  const server: Server = createServer(async (req, res) => {
    seen.push(req.headers.authorization);
    const a = await answer();
    if (a === 'drop') return void req.socket.destroy();
    res.writeHead(a.status, { 'content-type': 'text/plain', ...a.headers });
    res.end(a.body ?? '');
  });
  return {
    seen,
    script: (fn: typeof answer) => (answer = fn),
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const altinnJwt = (expSeconds: number) =>
  new SignJWT({ scope: SCOPES.join(' ') })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(expSeconds)
    .sign(randomBytes(32));

describe('System User Altinn token for the filing pipeline', () => {
  const altinn = fakeExchange();
  const redis = new Redis(testInfrastructure().redisUrl);
  const prefix = `t${randomBytes(4).toString('hex')}:`;
  let platformUrl: string;
  let clock = Date.now();
  let refusal: ApierError | null = null;
  let mpRefusal: ApierError | null = null;
  let confirms = 0;
  let systemUserId = 'su-1';
  const grants: { scopes: readonly string[]; systemUser: unknown }[] = [];

  const record = { id: 'd-1', orgnr: ORGNR, externalRef: `acc-${ACCOUNT}` } as DelegationRecord;
  const confirmation = {
    confirm: async (): Promise<ConfirmDelegationReply> => {
      confirms += 1;
      if (refusal) throw refusal;
      return {
        delegation_id: record.id,
        orgnr: ORGNR,
        status: 'active',
        access_packages: [VAT],
        system_user_id: systemUserId,
        confirmed_at: new Date(clock).toISOString(),
        valid_until: new Date(clock + 45_000).toISOString(),
      };
    },
  };
  const maskinporten = {
    requestToken: async (scopes: readonly string[], systemUser?: unknown) => {
      if (mpRefusal) throw mpRefusal;
      grants.push({ scopes, systemUser });
      return {
        accessToken: `mp-token-${grants.length}`,
        expiresInSeconds: 120,
        grantJti: `jti-${grants.length}`,
      };
    },
  };

  function tokens(maxTtlSeconds = 600) {
    return new SystemUserAltinnTokens(
      confirmation,
      { findForAccount: async () => record },
      maskinporten,
      new AltinnTokenExchange({ platformUrl, timeoutMs: 500 }),
      new TokenCache(redis, new TokenSealer(randomBytes(32)), {
        keyPrefix: `${prefix}${randomBytes(2).toString('hex')}:`,
        maxTtlSeconds,
        refreshMarginSeconds: 10,
        lockTtlMs: 2_000,
        now: () => clock,
      }),
      { issuer: 'http://mp/', clientId: 'apier-local', scopes: SCOPES, now: () => clock },
      createLogger('spec', 'silent'),
    );
  }
  const request = SystemUserAltinnTokenRequestSchema.parse({
    account_id: ACCOUNT,
    orgnr: ORGNR,
    access_packages: [VAT],
  });
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: ApierError) => error,
    );

  beforeAll(async () => {
    platformUrl = await altinn.start();
  });
  beforeEach(() => {
    clock = Date.now();
    refusal = null;
    mpRefusal = null;
    confirms = 0;
    systemUserId = 'su-1';
    grants.length = 0;
    altinn.seen.length = 0;
  });
  afterAll(async () => {
    await altinn.stop();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('confirms the delegation every time, and exchanges a System User token once per lifetime', async () => {
    const jwt = await altinnJwt(Math.floor(clock / 1000) + 1800);
    altinn.script(() => ({ status: 200, body: jwt }));
    const sut = tokens();
    const first = await sut.issue(request);
    const second = await sut.issue(request);
    expect(first).toEqual({ access_token: jwt, expires_at: expect.any(String), system_user_id: 'su-1' });
    expect(second.access_token).toBe(jwt);
    expect(confirms).toBe(2);
    expect(grants).toEqual([
      { scopes: [...SCOPES].sort(), systemUser: { orgnr: ORGNR, externalRef: `acc-${ACCOUNT}` } },
    ]);
    expect(altinn.seen).toEqual(['Bearer mp-token-1']);
    // usable no longer than the Maskinporten token it came from (120 s), less the refresh margin
    expect(Date.parse(first.expires_at)).toBe(clock + 110_000);
  });

  it('never hands out the token of a System User the company replaced (revoked, then delegated again)', async () => {
    let issued = 0;
    altinn.script(async () => ({
      status: 200,
      body: await new SignJWT({ n: (issued += 1) })
        .setProtectedHeader({ alg: 'HS256' })
        .setExpirationTime(Math.floor(clock / 1000) + 1800)
        .sign(randomBytes(32)),
    }));
    const sut = tokens();
    const before = await sut.issue(request);
    systemUserId = 'su-2';
    const after = await sut.issue(request);
    expect(after).toMatchObject({ system_user_id: 'su-2' });
    expect(after.access_token).not.toBe(before.access_token);
    expect(grants).toHaveLength(2);
    expect((await sut.issue(request)).access_token).toBe(after.access_token);
  });

  it('caps the cached token at the shorter of the Altinn token and the configured ceiling', async () => {
    altinn.script(async () => ({ status: 200, body: `"${await altinnJwt(Math.floor(clock / 1000) + 40)}"` }));
    const token = await tokens().issue(request);
    expect(token.access_token).not.toMatch(/^"/); // a JSON-quoted answer is unquoted
    expect(Date.parse(token.expires_at)).toBeLessThanOrEqual(clock + 40_000);
    const capped = await tokens(30).issue(request);
    expect(Date.parse(capped.expires_at)).toBeLessThanOrEqual(clock + 30_000);
  });

  it('fails closed with the confirmation’s refusal and never asks Maskinporten', async () => {
    refusal = new ApierError('delegation_revoked', 'The organisation revoked the delegation');
    const error = await failure(tokens().issue(request));
    expect(error).toMatchObject({ code: 'delegation_revoked', retryable: false });
    expect(grants).toHaveLength(0);
    expect(altinn.seen).toHaveLength(0);
  });

  it('passes MP-303 on as delegation_inactive and leaves nothing cached', async () => {
    mpRefusal = new ApierError('delegation_inactive', 'Maskinporten found no active System User');
    const sut = tokens();
    expect(await failure(sut.issue(request))).toMatchObject({ code: 'delegation_inactive' });
    mpRefusal = null;
    altinn.script(async () => ({ status: 200, body: await altinnJwt(Math.floor(clock / 1000) + 1800) }));
    await sut.issue(request);
    expect(grants).toHaveLength(1);
  });

  it('types exchange failures: 401 is a refusal, 429, 5xx and a dropped connection are retryable', async () => {
    altinn.script(() => ({ status: 401 }));
    expect(await failure(tokens().issue(request))).toMatchObject({
      code: 'altinn_rejected',
      retryable: false,
      details: expect.objectContaining({ altinn_status: 401 }),
    });
    altinn.script(() => ({ status: 429, headers: { 'retry-after': '3' } }));
    expect(await failure(tokens().issue(request))).toMatchObject({
      code: 'upstream_unavailable',
      retryable: true,
      details: expect.objectContaining({ retry_after: '3' }),
    });
    altinn.script(() => ({ status: 503 }));
    expect(await failure(tokens().issue(request))).toMatchObject({ code: 'upstream_unavailable' });
    altinn.script(() => 'drop');
    expect(await failure(tokens().issue(request))).toMatchObject({ code: 'upstream_unavailable' });
    altinn.script(() => ({ status: 200, body: 'not a token' }));
    expect(await failure(tokens().issue(request))).toMatchObject({ code: 'upstream_bad_response' });
  });

  it('never puts a token in an error', async () => {
    altinn.script(() => ({ status: 401, body: 'mp-token-1' }));
    const error = await failure(tokens().issue(request));
    expect(JSON.stringify(error!.toBody())).not.toMatch(/mp-token/);
  });
});
