import { generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import { signJwtGrant } from './jwt-grant';
import { loadSigningKeys } from './signing-keys';

describe('Maskinporten JWT grant', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const [key] = loadSigningKeys([
    { kid: 'apier-2026-11', pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
  ]);
  const now = new Date('2026-11-25T12:00:00Z');
  const base = {
    clientId: 'client-123',
    audience: 'https://test.maskinporten.no/',
    scopes: ['nav:aareg/v1/arbeidsforhold', 'altinn:instances.write'],
    lifetimeSeconds: 60,
    now,
  };

  async function verify(assertion: string) {
    const spki = await importSPKI(publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'RS256');
    return jwtVerify(assertion, spki, { currentDate: now, audience: base.audience, issuer: base.clientId });
  }

  it('is RS256 with the kid and exactly the documented claims', async () => {
    const { assertion, jti } = await signJwtGrant(base, key!);
    const { payload } = await verify(assertion);
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: 'RS256', kid: 'apier-2026-11' });
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'scope']);
    expect(payload).toMatchObject({
      aud: base.audience,
      iss: 'client-123',
      scope: 'nav:aareg/v1/arbeidsforhold altinn:instances.write',
      jti,
    });
    expect(payload.iat).toBe(now.getTime() / 1000);
    expect(payload.exp! - payload.iat!).toBe(60);
  });

  it('never asks for more than 120 seconds and never reuses a jti', async () => {
    const a = await signJwtGrant({ ...base, lifetimeSeconds: 3600 }, key!);
    const b = await signJwtGrant(base, key!);
    const { payload } = await verify(a.assertion);
    expect(payload.exp! - payload.iat!).toBe(120);
    expect(a.jti).not.toBe(b.jti);
  });

  it('names the customer of a System User token in authorization_details', async () => {
    const { assertion } = await signJwtGrant(
      { ...base, systemUser: { orgnr: '999999999', externalRef: 'acc_1' } },
      key!,
    );
    const { payload } = await verify(assertion);
    expect(payload['authorization_details']).toEqual([
      {
        type: 'urn:altinn:systemuser',
        systemuser_org: { authority: 'iso6523-actorid-upis', ID: '0192:999999999' },
        externalRef: 'acc_1',
      },
    ]);
  });

  it('sends the certificate chain instead of a kid for certificate-based clients', async () => {
    const [certKey] = loadSigningKeys([
      { kid: 'cert', pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), x5c: ['MIIB...'] },
    ]);
    const { assertion } = await signJwtGrant(base, certKey!);
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: 'RS256', x5c: ['MIIB...'] });
  });

  it('refuses small or non-RSA keys and grants without scope', async () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(() => loadSigningKeys([{ kid: 'small', pem: small }])).toThrow(/2048/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(() => loadSigningKeys([{ kid: 'ec', pem: ec }])).toThrow(/RSA/);
    await expect(signJwtGrant({ ...base, scopes: [] }, key!)).rejects.toThrow(/scope/);
  });

  it('loads a key from a JWK as well as from PEM', async () => {
    const jwk = privateKey.export({ format: 'jwk' }) as Record<string, unknown>;
    const [fromJwk] = loadSigningKeys([{ kid: 'jwk', jwk }]);
    const { assertion } = await signJwtGrant(base, fromJwk!);
    await expect(verify(assertion)).resolves.toBeDefined();
  });
});
