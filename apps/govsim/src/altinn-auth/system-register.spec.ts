import { startGovsim, type RunningGovsim } from '../testing/govsim-test-app';
import { MaskinportenTestClient } from '../testing/maskinporten-test-client';
import { AltinnScopes } from './altinn-scopes';

const BASE = '/authentication/api/v1/systemregister/vendor';
const VENDOR = '991825827';
const OTHER_VENDOR = '912345678';

const system = (overrides: Record<string, unknown> = {}) => ({
  id: `${VENDOR}_register_test`,
  vendor: { authority: 'iso6523-actorid-upis', ID: `0192:${VENDOR}` },
  name: { nb: 'Registertest', nn: 'Registertest', en: 'Register test' },
  description: { nb: 'Test', nn: 'Test', en: 'Test' },
  rights: [{ resource: [{ id: 'urn:altinn:resource', value: 'ske-krav-og-betalinger' }] }],
  accessPackages: [{ urn: 'urn:altinn:accesspackage:skatt-naering' }],
  clientId: ['register-test-client'],
  allowedRedirectUrls: ['https://broker.example/altinn/return'],
  isVisible: false,
  ...overrides,
});

describe('Altinn system register (vendor API)', () => {
  let govsim: RunningGovsim;
  let token: string;
  let otherVendorToken: string;
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, bearer = token) =>
    govsim.inject({
      method,
      url,
      headers: { authorization: `Bearer ${bearer}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const validationCodes = (response: { json: () => { validationErrors?: { code: string }[] } }) =>
    (response.json().validationErrors ?? []).map((e) => e.code);

  beforeAll(async () => {
    govsim = await startGovsim();
    const vendor = await MaskinportenTestClient.register(govsim, {
      clientId: 'vendor-admin',
      orgnr: VENDOR,
      scopes: [AltinnScopes.systemRegisterWrite, 'altinn:instances.write'],
    });
    token = await vendor.token();
    const other = await MaskinportenTestClient.register(govsim, {
      clientId: 'other-vendor-admin',
      orgnr: OTHER_VENDOR,
      scopes: [AltinnScopes.systemRegisterWrite],
    });
    otherVendorToken = await other.token();
  });
  afterAll(() => govsim.app.close());

  it('registers a system, answering with its internal GUID, and returns it to its vendor only', async () => {
    const created = await call('POST', BASE, system());
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatch(/^[0-9a-f-]{36}$/);

    const read = await call('GET', `${BASE}/${VENDOR}_register_test`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      id: `${VENDOR}_register_test`,
      vendor: { ID: `0192:${VENDOR}` },
      clientId: ['register-test-client'],
      accessPackages: [{ urn: 'urn:altinn:accesspackage:skatt-naering' }],
      isDeleted: false,
    });
    expect((await call('GET', BASE)).json().map((s: { id: string }) => s.id)).toContain(
      `${VENDOR}_register_test`,
    );
    expect((await call('GET', BASE, undefined, otherVendorToken)).json()).toEqual([]);
    expect(
      (await call('GET', `${BASE}/${VENDOR}_register_test`, undefined, otherVendorToken)).statusCode,
    ).toBe(403);
  });

  it('lets one clientId belong to one system only (AUTH.VLD-00004)', async () => {
    const second = await call('POST', BASE, system({ id: `${VENDOR}_second` }));
    expect(second.statusCode).toBe(400);
    expect(second.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(second.json()).toMatchObject({
      type: 'urn:altinn:error:STD-00000',
      code: 'STD-00000',
      status: 400,
      title: 'One or more validation errors occurred.',
    });
    expect(second.json().traceId).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(validationCodes(second)).toEqual(['AUTH.VLD-00004']);
    // Replacing the owning system with its own clientId is fine.
    expect((await call('PUT', `${BASE}/${VENDOR}_register_test`, system())).statusCode).toBe(200);
  });

  it.each([
    ['a vendor id without 0192:', { vendor: { authority: 'x', ID: VENDOR } }, 'AUTH.VLD-00000'],
    ['an id not prefixed by the vendor orgnr', { id: `${OTHER_VENDOR}_mine` }, 'AUTH.VLD-00001'],
    ['an id with upper case', { id: `${VENDOR}_Mine` }, 'AUTH.VLD-00001'],
    ['an id with spaces', { id: `${VENDOR}_my system` }, 'AUTH.VLD-00013'],
    ['an existing id', { id: `${VENDOR}_register_test`, clientId: ['fresh'] }, 'AUTH.VLD-00002'],
    [
      'a resource attribute other than urn:altinn:resource',
      { rights: [{ resource: [{ id: 'urn:altinn:app', value: 'x' }] }] },
      'AUTH.VLD-00009',
    ],
    ['duplicate rights', { rights: [system().rights[0], system().rights[0]] }, 'AUTH.VLD-00006'],
    [
      'duplicate access packages',
      {
        accessPackages: [
          { urn: 'urn:altinn:accesspackage:skatt-naering' },
          { urn: 'urn:altinn:accesspackage:skatt-naering' },
        ],
      },
      'AUTH.VLD-00007',
    ],
    [
      'a package outside the catalogue',
      { accessPackages: [{ urn: 'urn:altinn:rolle:dagl' }] },
      'AUTH.VLD-00008',
    ],
    ['an http redirect URL', { allowedRedirectUrls: ['http://broker.example/return'] }, 'AUTH.VLD-00005'],
    ['a duplicate clientId', { clientId: ['a', 'a'] }, 'AUTH.VLD-00011'],
  ])('refuses %s', async (_name, overrides, code) => {
    const response = await call(
      'POST',
      BASE,
      system({ id: `${VENDOR}_invalid`, clientId: ['unused'], ...overrides }),
    );
    expect(response.statusCode).toBe(400);
    expect(validationCodes(response)).toContain(code);
  });

  it('refuses to register a system in another organisation’s name', async () => {
    const response = await call('POST', BASE, system({ id: `${VENDOR}_theirs` }), otherVendorToken);
    expect(response.statusCode).toBe(403);
    expect(response.body).toBe('');
  });

  it('reads JSON property names case-insensitively, as ASP.NET does', async () => {
    const { allowedRedirectUrls, ...rest } = system({
      id: `${VENDOR}_lowercase`,
      clientId: ['lowercase-client'],
    });
    const response = await call('POST', BASE, { ...rest, allowedredirecturls: allowedRedirectUrls });
    expect(response.statusCode).toBe(200);
    expect((await call('GET', `${BASE}/${VENDOR}_lowercase`)).json().allowedRedirectUrls).toEqual(
      allowedRedirectUrls,
    );
  });

  it('replaces rights and access packages, and refuses a body id that differs from the URL', async () => {
    const url = `${BASE}/${VENDOR}_register_test`;
    const rights = [{ resource: [{ id: 'urn:altinn:resource', value: 'app_skd_mva-melding' }] }];
    expect((await call('PUT', `${url}/rights`, rights)).statusCode).toBe(200);
    const packages = [{ urn: 'urn:altinn:accesspackage:merverdiavgift' }];
    expect((await call('PUT', `${url}/accesspackages`, packages)).statusCode).toBe(200);
    expect((await call('GET', url)).json()).toMatchObject({ rights, accessPackages: packages });
    const dup = await call('PUT', `${url}/accesspackages`, [...packages, ...packages]);
    expect(validationCodes(dup)).toEqual(['AUTH.VLD-00007']);
    const mismatch = await call('PUT', url, system({ id: `${VENDOR}_other` }));
    expect(validationCodes(mismatch)).toContain('AUTH.VLD-00012');
  });

  it('soft-deletes a system, after which it is unknown (AUTH-00011)', async () => {
    await call('POST', BASE, system({ id: `${VENDOR}_doomed`, clientId: ['doomed-client'] }));
    expect((await call('DELETE', `${BASE}/${VENDOR}_doomed`)).statusCode).toBe(200);
    const gone = await call('GET', `${BASE}/${VENDOR}_doomed`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ code: 'AUTH-00011', type: 'urn:altinn:error:AUTH-00011' });
  });

  it('answers a missing token with 401 and a token without the scope with 403, both without a body', async () => {
    const noToken = await govsim.inject({ method: 'GET', url: BASE });
    expect(noToken.statusCode).toBe(401);
    expect(noToken.body).toBe('');
    const reader = await MaskinportenTestClient.register(govsim, {
      clientId: 'no-register-scope',
      orgnr: VENDOR,
      scopes: [AltinnScopes.requestRead],
    });
    const noScope = await call('GET', BASE, undefined, await reader.token());
    expect(noScope.statusCode).toBe(403);
    expect(noScope.body).toBe('');
  });

  it('accepts an exchanged Altinn token as well as the Maskinporten token', async () => {
    const altinnToken = (
      await govsim.inject({
        method: 'GET',
        url: '/authentication/api/v1/exchange/maskinporten',
        headers: { authorization: `Bearer ${token}` },
      })
    ).body;
    expect((await call('GET', BASE, undefined, altinnToken)).statusCode).toBe(200);
  });
});
