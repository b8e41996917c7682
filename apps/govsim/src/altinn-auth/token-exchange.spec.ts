import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { decodeJwt, importJWK, jwtVerify, SignJWT } from 'jose';
import { startGovsim, TEST_BASE_URL, type RunningGovsim } from '../testing/govsim-test-app';
import { MaskinportenTestClient } from '../testing/maskinporten-test-client';

const EXCHANGE = '/authentication/api/v1/exchange/maskinporten';
const ALTINN_ISSUER = `${TEST_BASE_URL}/authentication/`;

describe('Altinn token exchange', () => {
  let govsim: RunningGovsim;
  let client: MaskinportenTestClient;
  const exchange = (headers: Record<string, string>, url = EXCHANGE) =>
    govsim.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    govsim = await startGovsim();
    client = await MaskinportenTestClient.register(govsim, {
      clientId: 'exchange-client',
      orgnr: '991825827',
      scopes: ['altinn:instances.write'],
    });
  });
  afterAll(() => govsim.app.close());

  it('trades a Maskinporten token for a 30-minute Altinn token sent as a bare string', async () => {
    const mpToken = await client.token();
    const response = await exchange({ authorization: `Bearer ${mpToken}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const altinnToken = response.body;
    expect(altinnToken.split('.')).toHaveLength(3);

    const config = (
      await govsim.inject({
        method: 'GET',
        url: '/authentication/api/v1/openid/.well-known/openid-configuration',
      })
    ).json();
    expect(config.issuer).toBe(ALTINN_ISSUER);
    const jwks = (await govsim.inject({ method: 'GET', url: new URL(config.jwks_uri).pathname })).json();
    const { payload, protectedHeader } = await jwtVerify(
      altinnToken,
      await importJWK(jwks.keys[0], 'RS256'),
      {
        issuer: ALTINN_ISSUER,
      },
    );
    const mpClaims = decodeJwt(mpToken);
    expect(protectedHeader.kid).toBe('govsim-altinn-1');
    expect(payload).toMatchObject({
      client_id: 'exchange-client',
      scope: 'altinn:instances.write',
      consumer: { authority: 'iso6523-actorid-upis', ID: '0192:991825827' },
      'urn:altinn:orgNumber': '991825827',
      'urn:altinn:authenticatemethod': 'maskinporten',
      'urn:altinn:authlevel': 3,
    });
    expect(payload.exp! - payload.iat!).toBe(30 * 60);
    expect(payload.jti).not.toBe(mpClaims.jti);
    expect(typeof payload['sid']).toBe('string');
  });

  it('is not signed with the Maskinporten key', async () => {
    const altinnToken = (await exchange({ authorization: `Bearer ${await client.token()}` })).body;
    const mpJwks = (await govsim.inject({ method: 'GET', url: '/maskinporten/jwk' })).json();
    await expect(jwtVerify(altinnToken, await importJWK(mpJwks.keys[0], 'RS256'))).rejects.toThrow();
  });

  it('quotes the token as JSON when the client asks for JSON', async () => {
    const response = await exchange({
      authorization: `Bearer ${await client.token()}`,
      accept: 'application/json',
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toMatch(/^"ey[^"]+"$/);
    expect(typeof response.json()).toBe('string');
  });

  it('accepts the provider name in any case', async () => {
    const response = await exchange(
      { authorization: `Bearer ${await client.token()}` },
      '/authentication/api/v1/exchange/MaskinPorten',
    );
    expect(response.statusCode).toBe(200);
  });

  it('answers 401 with an empty body for a missing, forged, expired or Altinn-issued token', async () => {
    const forgedKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const forged = await new SignJWT({
      consumer: { authority: 'iso6523-actorid-upis', ID: '0192:991825827' },
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'govsim-maskinporten-1' })
      .setIssuer(`${TEST_BASE_URL}/maskinporten/`)
      .setIssuedAt()
      .setExpirationTime('60s')
      .setJti(randomUUID())
      .sign(forgedKey);
    const altinnToken = (await exchange({ authorization: `Bearer ${await client.token()}` })).body;
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer not-a-jwt' },
      { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
      { authorization: `Bearer ${forged}` },
      { authorization: `Bearer ${altinnToken}` },
    ];
    for (const headers of attempts) {
      const response = await exchange(headers);
      expect(response.statusCode).toBe(401);
      expect(response.body).toBe('');
    }
  });

  it('refuses a Maskinporten token once it has expired beyond the 10 s skew', async () => {
    const mpToken = await client.token();
    await govsim.inject({
      method: 'PUT',
      url: '/govsim/control/maskinporten/clock',
      payload: { offset_ms: 125_000 },
    });
    try {
      expect((await exchange({ authorization: `Bearer ${mpToken}` })).statusCode).toBe(200);
      await govsim.inject({
        method: 'PUT',
        url: '/govsim/control/maskinporten/clock',
        payload: { offset_ms: 135_000 },
      });
      expect((await exchange({ authorization: `Bearer ${mpToken}` })).statusCode).toBe(401);
    } finally {
      await govsim.inject({
        method: 'PUT',
        url: '/govsim/control/maskinporten/clock',
        payload: { offset_ms: 0 },
      });
    }
  });

  it('answers 400 for an unknown provider and 410 for the retired enterprise-user header', async () => {
    const token = await client.token();
    const unknown = await exchange(
      { authorization: `Bearer ${token}` },
      '/authentication/api/v1/exchange/foo',
    );
    expect(unknown.statusCode).toBe(400);
    const retired = await exchange({
      authorization: `Bearer ${token}`,
      'x-altinn-enterpriseuser-authentication': 'dXNlcjpwdw==',
    });
    expect(retired.statusCode).toBe(410);
  });
});
