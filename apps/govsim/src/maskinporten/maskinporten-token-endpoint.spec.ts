import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { importJWK, jwtVerify, SignJWT } from 'jose';
import { startGovsim, TEST_BASE_URL, type RunningGovsim } from '../testing/govsim-test-app';

const ISSUER = `${TEST_BASE_URL}/maskinporten/`;
const CLIENT = 'apier-test-client';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const JWK = { ...publicKey.export({ format: 'jwk' }), kid: 'k1' };

async function grant(
  claims: Record<string, unknown> = {},
  options: { kid?: string; iat?: number; lifetime?: number } = {},
) {
  const iat = options.iat ?? Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: 'nav:aareg/v1/arbeidsforhold', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'k1' })
    .setIssuer(CLIENT)
    .setAudience(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (options.lifetime ?? 60))
    .setJti(randomUUID())
    .sign(privateKey);
}

const systemUser = (orgnr: string) => ({
  authorization_details: [
    {
      type: 'urn:altinn:systemuser',
      systemuser_org: { authority: 'iso6523-actorid-upis', ID: `0192:${orgnr}` },
    },
  ],
});

describe('fake Maskinporten token endpoint', () => {
  let govsim: RunningGovsim;
  const token = (assertion: string, grantType = 'urn:ietf:params:oauth:grant-type:jwt-bearer') =>
    govsim.inject({
      method: 'POST',
      url: '/maskinporten/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: grantType, assertion }).toString(),
    });
  const control = (method: 'POST' | 'DELETE', url: string, payload?: unknown) =>
    govsim.inject({
      method,
      url: `/govsim/control/${url}`,
      ...(payload ? { payload: payload as object } : {}),
    });

  beforeAll(async () => {
    govsim = await startGovsim();
    await control('POST', 'maskinporten/clients', {
      client_id: CLIENT,
      orgnr: '991825827',
      scopes: ['nav:aareg/v1/arbeidsforhold', 'altinn:instances.write'],
      jwks: [JWK],
    });
    await control('POST', 'altinn/systems', {
      id: '991825827_apier',
      vendor_orgnr: '991825827',
      client_ids: [CLIENT],
    });
  });
  afterAll(() => govsim.app.close());

  it('publishes RFC 8414 metadata whose issuer is the grant audience', async () => {
    const meta = (
      await govsim.inject({ method: 'GET', url: '/maskinporten/.well-known/oauth-authorization-server' })
    ).json();
    expect(meta).toMatchObject({
      issuer: ISSUER,
      token_endpoint: `${ISSUER}token`,
      jwks_uri: `${ISSUER}jwk`,
    });
    expect(meta.authorization_details_types_supported).toContain('urn:altinn:systemuser');
  });

  it('issues an RS256 token verifiable with its JWKS, naming the client org as consumer', async () => {
    const response = await token(await grant());
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 120,
      scope: 'nav:aareg/v1/arbeidsforhold',
    });
    const jwks = (await govsim.inject({ method: 'GET', url: '/maskinporten/jwk' })).json();
    const key = await importJWK(jwks.keys[0], 'RS256');
    const { payload } = await jwtVerify(body.access_token, key, { issuer: ISSUER });
    expect(payload).toMatchObject({
      client_id: CLIENT,
      consumer: { authority: 'iso6523-actorid-upis', ID: '0192:991825827' },
    });
  });

  it.each([
    [
      'a replayed jti',
      async () => {
        const g = await grant();
        await token(g);
        return g;
      },
      'invalid_grant',
      'MP-012',
    ],
    [
      'a wrong audience',
      async () =>
        new SignJWT({ scope: 'nav:aareg/v1/arbeidsforhold' })
          .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
          .setIssuer(CLIENT)
          .setAudience(`${ISSUER}token`)
          .setIssuedAt()
          .setExpirationTime('60s')
          .setJti(randomUUID())
          .sign(privateKey),
      'invalid_grant',
      'MP-110',
    ],
    [
      'an expired grant',
      async () => grant({}, { iat: Math.floor(Date.now() / 1000) - 300 }),
      'invalid_grant',
      'MP-130',
    ],
    ['a lifetime over 120 s', async () => grant({}, { lifetime: 300 }), 'invalid_grant', 'MP-130'],
    ['an unknown kid', async () => grant({}, { kid: 'nope' }), 'invalid_grant', 'MP-124'],
    [
      'a scope not on the client',
      async () => grant({ scope: 'skatteetaten:secret' }),
      'invalid_scope',
      'MP-200',
    ],
    ['an undocumented claim', async () => grant({ foo: 'bar' }), 'invalid_request', 'MP-011'],
    [
      'no system user for the org',
      async () => grant(systemUser('999999999')),
      'invalid_altinn_customer_configuration',
      'MP-303',
    ],
  ])('refuses %s with the error Maskinporten gives', async (_name, make, error, mpCode) => {
    const response = await token(await make());
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe(error);
    expect(response.json().error_description).toMatch(new RegExp(`^${mpCode}: `));
  });

  it('refuses a grant signed by another key', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const forged = await new SignJWT({ scope: 'nav:aareg/v1/arbeidsforhold' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(CLIENT)
      .setAudience(ISSUER)
      .setIssuedAt()
      .setExpirationTime('60s')
      .setJti(randomUUID())
      .sign(other);
    expect((await token(forged)).json()).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringMatching(/^MP-124/),
    });
  });

  it('refuses a wrong grant type', async () => {
    expect((await token(await grant(), 'client_credentials')).json()).toMatchObject({
      error: 'unsupported_grant_type',
    });
  });

  it('issues System User tokens only while the system user exists, and MP-303 right after it is deleted', async () => {
    const created = (
      await control('POST', 'altinn/system-users', {
        system_id: '991825827_apier',
        orgnr: '315678420',
        access_packages: ['urn:altinn:accesspackage:merverdiavgift'],
      })
    ).json();
    const ok = await token(await grant(systemUser('315678420')));
    expect(ok.statusCode).toBe(200);
    const claims = JSON.parse(Buffer.from(ok.json().access_token.split('.')[1], 'base64url').toString());
    expect(claims.authorization_details).toEqual([
      {
        type: 'urn:altinn:systemuser',
        systemuser_org: { authority: 'iso6523-actorid-upis', ID: '0192:315678420' },
        systemuser_id: [created.id],
        system_id: '991825827_apier',
      },
    ]);
    expect((await control('DELETE', `altinn/system-users/${created.id}`)).statusCode).toBe(204);
    const refused = await token(await grant(systemUser('315678420')));
    expect(refused.json()).toMatchObject({ error: 'invalid_altinn_customer_configuration' });
  });

  it('keeps a log of grants for tests to check jti uniqueness', async () => {
    const grants = (
      await govsim.inject({ method: 'GET', url: '/govsim/control/maskinporten/grants' })
    ).json();
    expect(grants.length).toBeGreaterThan(3);
    expect(grants[0]).toMatchObject({ clientId: CLIENT, outcome: 'issued' });
  });
});
