import { startGovsim, type RunningGovsim } from '../testing/govsim-test-app';
import { type AltinnVendor, PACKAGES, registerVendor, SYSTEM_ID } from '../testing/altinn-vendor-fixture';
import { MaskinportenTestClient } from '../testing/maskinporten-test-client';
import { AltinnScopes } from './altinn-scopes';

const REQUESTS = '/authentication/api/v1/systemuser/request/vendor';
const SYSTEM_USERS = '/authentication/api/v1/systemuser';

describe('who may call the System User APIs', () => {
  let govsim: RunningGovsim;
  let vendor: AltinnVendor;
  let nextOrg = 320_000_000;
  const freshOrg = () => String((nextOrg += 1));
  const create = (body: Record<string, unknown>) =>
    vendor.call('POST', REQUESTS, { systemId: SYSTEM_ID, ...body });
  const approved = async (orgnr: string) => {
    const request = (await create({ partyOrgNo: orgnr, accessPackages: [{ urn: PACKAGES[0] }] })).json();
    const decided = await govsim.inject({
      method: 'POST',
      url: `/govsim/control/altinn/requests/${request.id}/approve`,
    });
    return decided.json() as { id: string; systemUserId: string };
  };

  beforeAll(async () => {
    govsim = await startGovsim();
    vendor = await registerVendor(govsim);
  });
  afterAll(() => govsim.app.close());

  it('enforces the scope of each route and keeps other vendors out', async () => {
    const readOnly = await MaskinportenTestClient.register(govsim, {
      clientId: 'read-only',
      orgnr: '991825827',
      scopes: [AltinnScopes.requestRead],
    });
    const readToken = await readOnly.token();
    expect(
      (await vendor.call('POST', REQUESTS, { systemId: SYSTEM_ID, partyOrgNo: freshOrg() }, readToken))
        .statusCode,
    ).toBe(403);
    expect(
      (await vendor.call('GET', `${REQUESTS}/bysystem/${SYSTEM_ID}`, undefined, readToken)).statusCode,
    ).toBe(200);
    expect(
      (await vendor.call('GET', `${SYSTEM_USERS}/vendor/bysystem/${SYSTEM_ID}`, undefined, readToken))
        .statusCode,
    ).toBe(403);
    expect(
      (await govsim.inject({ method: 'DELETE', url: `${REQUESTS}/00000000-0000-4000-8000-000000000000` }))
        .statusCode,
    ).toBe(401);

    const otherVendor = await MaskinportenTestClient.register(govsim, {
      clientId: 'other-vendor',
      orgnr: '912345678',
      scopes: [AltinnScopes.requestRead, AltinnScopes.requestWrite],
    });
    const otherToken = await otherVendor.token();
    expect(
      (await vendor.call('POST', REQUESTS, { systemId: SYSTEM_ID, partyOrgNo: freshOrg() }, otherToken))
        .statusCode,
    ).toBe(403);
    const mine = (await create({ partyOrgNo: freshOrg() })).json();
    expect((await vendor.call('GET', `${REQUESTS}/${mine.id}`, undefined, otherToken)).json().code).toBe(
      'AUTH-00010',
    );
  });

  it('answers Maskinporten’s byExternalId lookup only with its own scope', async () => {
    const orgnr = freshOrg();
    const { systemUserId } = await approved(orgnr);
    const url = `${SYSTEM_USERS}/byExternalId?clientId=apier-broker&systemProviderOrgNo=991825827&systemUserOwnerOrgNo=${orgnr}`;
    expect((await vendor.call('GET', url)).statusCode).toBe(403);
    const maskinporten = await MaskinportenTestClient.register(govsim, {
      clientId: 'maskinporten-itself',
      orgnr: '991825827',
      scopes: [AltinnScopes.systemUserLookup],
    });
    const lookupToken = await maskinporten.token();
    const found = await vendor.call('GET', url, undefined, lookupToken);
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({ id: systemUserId, productName: SYSTEM_ID, reporteeOrgNo: orgnr });
    const none = await vendor.call('GET', `${url}&externalRef=unknown`, undefined, lookupToken);
    expect(none.statusCode).toBe(404);
    expect(none.body).toBe('');
    expect(
      (await vendor.call('GET', `${SYSTEM_USERS}/byExternalId?clientId=x`, undefined, lookupToken))
        .statusCode,
    ).toBe(400);
  });
});
