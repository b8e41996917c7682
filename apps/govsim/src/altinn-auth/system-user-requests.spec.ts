import { startGovsim, type RunningGovsim } from '../testing/govsim-test-app';
import {
  API_SCOPE,
  type AltinnVendor,
  PACKAGES,
  registerVendor,
  RETURN_URL,
  SYSTEM_ID,
} from '../testing/altinn-vendor-fixture';

const REQUESTS = '/authentication/api/v1/systemuser/request/vendor';
const SYSTEM_USERS = '/authentication/api/v1/systemuser';

describe('System User requests and System Users (vendor API)', () => {
  let govsim: RunningGovsim;
  let vendor: AltinnVendor;
  let nextOrg = 310_000_000;
  /** A fresh customer per test, so requests of one test never meet another's. */
  const freshOrg = () => String((nextOrg += 1));
  const create = (body: Record<string, unknown>) =>
    vendor.call('POST', REQUESTS, { systemId: SYSTEM_ID, ...body });
  const control = (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    govsim.inject({
      method,
      url: `/govsim/control/${url}`,
      ...(payload ? { payload: payload as object } : {}),
    });
  const approved = async (orgnr: string, externalRef?: string) => {
    const request = (
      await create({ partyOrgNo: orgnr, externalRef, accessPackages: [{ urn: PACKAGES[0] }] })
    ).json();
    const decided = await control('POST', `altinn/requests/${request.id}/approve`);
    expect(decided.statusCode).toBe(200);
    return decided.json() as { id: string; systemUserId: string };
  };
  type Page = { data: { id: string }[]; links: { next: string | null } };
  const followPages = async (url: string) => {
    const pages: Page[] = [];
    let next: string | null = url;
    while (next) {
      const page: Page = (await vendor.call('GET', next.replace(/^https?:\/\/[^/]+/, ''))).json();
      pages.push(page);
      next = page.links.next;
    }
    return pages;
  };

  beforeAll(async () => {
    govsim = await startGovsim();
    vendor = await registerVendor(govsim);
    await vendor.call('POST', '/authentication/api/v1/systemregister/vendor', {
      id: '991825827_noredirect',
      vendor: { authority: 'iso6523-actorid-upis', ID: '0192:991825827' },
      name: { nb: 'Uten retur' },
      accessPackages: [{ urn: PACKAGES[0] }],
      clientId: ['noredirect-client'],
    });
  });
  afterAll(() => govsim.app.close());

  it.each([
    ['an unknown system', { systemId: '991825827_nope' }, 404, 'AUTH-00011'],
    [
      'a package the system did not register',
      { accessPackages: [{ urn: 'urn:altinn:accesspackage:post-og-arkiv' }] },
      400,
      'AUTH-00001',
    ],
    [
      'a right the system did not register',
      { rights: [{ resource: [{ id: 'urn:altinn:resource', value: 'other' }] }] },
      400,
      'AUTH-00001',
    ],
    [
      'a redirect URL the system does not allow',
      { redirectUrl: 'https://evil.example/steal' },
      400,
      'AUTH-00021',
    ],
    [
      'a redirect URL on a system without any',
      { systemId: '991825827_noredirect', redirectUrl: RETURN_URL },
      400,
      'AUTH-00026',
    ],
  ])('refuses %s', async (_name, body, status, code) => {
    const response = await create({ partyOrgNo: freshOrg(), ...body });
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code, status, type: `urn:altinn:error:${code}` });
  });

  it('answers the triple of an existing System User with AUTH-00004, of a pending request with other content with AUTH-00007', async () => {
    const orgnr = freshOrg();
    await approved(orgnr);
    expect((await create({ partyOrgNo: orgnr })).json().code).toBe('AUTH-00004');
    const pendingOrg = freshOrg();
    expect(
      (await create({ partyOrgNo: pendingOrg, accessPackages: [{ urn: PACKAGES[0] }] })).statusCode,
    ).toBe(201);
    expect(
      (await create({ partyOrgNo: pendingOrg, accessPackages: [{ urn: PACKAGES[1] }] })).json().code,
    ).toBe('AUTH-00007');
  });

  it('answers a denied or rejected triple with AUTH-00008/-00009 until the vendor deletes the request', async () => {
    const orgnr = freshOrg();
    const denied = (await create({ partyOrgNo: orgnr, externalRef: 'd' })).json();
    await control('POST', `altinn/requests/${denied.id}/deny`);
    expect((await create({ partyOrgNo: orgnr, externalRef: 'd' })).json().code).toBe('AUTH-00008');
    const rejected = (await create({ partyOrgNo: orgnr, externalRef: 'r' })).json();
    await control('POST', `altinn/requests/${rejected.id}/reject`);
    expect((await create({ partyOrgNo: orgnr, externalRef: 'r' })).json().code).toBe('AUTH-00009');
    expect((await vendor.call('DELETE', `${REQUESTS}/${rejected.id}`)).statusCode).toBe(202);
    expect((await create({ partyOrgNo: orgnr, externalRef: 'r' })).statusCode).toBe(201);
  });

  it('finds requests by id and by (system, org, externalRef), and reports unknown ids with AUTH-00010', async () => {
    const orgnr = freshOrg();
    const request = (await create({ partyOrgNo: orgnr, externalRef: 'cust-42' })).json();
    const byRef = await vendor.call('GET', `${REQUESTS}/byexternalref/${SYSTEM_ID}/${orgnr}/cust-42`);
    expect(byRef.json().id).toBe(request.id);
    const unknown = await vendor.call('GET', `${REQUESTS}/00000000-0000-4000-8000-000000000000`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('AUTH-00010');
    expect((await vendor.call('GET', `${REQUESTS}/not-a-guid`)).statusCode).toBe(400);
    expect(
      (await vendor.call('GET', `${REQUESTS}/byexternalref/${SYSTEM_ID}/${orgnr}/other`)).json().code,
    ).toBe('AUTH-00010');
  });

  it('pages request and System User lists with links.next until null', async () => {
    expect((await control('PUT', 'altinn/page-size', { size: 2 })).statusCode).toBe(200);
    try {
      const created = [];
      for (let i = 0; i < 3; i += 1) created.push(await approved(freshOrg()));
      const requestPages = await followPages(`${REQUESTS}/bysystem/${SYSTEM_ID}`);
      expect(requestPages.every((page) => page.data.length <= 2)).toBe(true);
      expect(requestPages.at(-1)!.links.next).toBeNull();
      const requestIds = requestPages.flatMap((page) => page.data.map((r) => r.id));
      expect(new Set(requestIds).size).toBe(requestIds.length);
      for (const { id } of created) expect(requestIds).toContain(id);

      const userPages = await followPages(`${SYSTEM_USERS}/vendor/bysystem/${SYSTEM_ID}`);
      expect(userPages.length).toBeGreaterThan(1);
      expect(userPages[0]!.links.next).toMatch(
        /^http:\/\/govsim\.test\/authentication\/api\/v1\/systemuser\/vendor\/bysystem\/991825827_apier\?token=/,
      );
      const userIds = userPages.flatMap((page) => page.data.map((u) => u.id));
      for (const { systemUserId } of created) expect(userIds).toContain(systemUserId);
      expect(
        (await vendor.call('GET', `${SYSTEM_USERS}/vendor/bysystem/${SYSTEM_ID}?token=bogus`)).statusCode,
      ).toBe(400);
    } finally {
      await control('PUT', 'altinn/page-size', { size: 100 });
    }
  });

  it('forgets a revoked System User at once: byquery 404, gone from bysystem, Maskinporten MP-303', async () => {
    const orgnr = freshOrg();
    const { systemUserId } = await approved(orgnr, 'cust-revoke');
    const query = `${SYSTEM_USERS}/vendor/byquery?system-id=${SYSTEM_ID}&orgno=${orgnr}&external-ref=cust-revoke`;
    expect((await vendor.call('GET', query)).json().id).toBe(systemUserId);
    const grant = { orgnr, externalRef: 'cust-revoke' };
    expect((await vendor.client.tokenResponse([API_SCOPE], grant)).statusCode).toBe(200);

    expect((await control('DELETE', `altinn/system-users/${systemUserId}`)).statusCode).toBe(204);

    const gone = await vendor.call('GET', query);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('AUTH-00015');
    const listed = await followPages(`${SYSTEM_USERS}/vendor/bysystem/${SYSTEM_ID}`);
    expect(listed.flatMap((p) => p.data.map((u) => u.id))).not.toContain(systemUserId);
    const refused = await vendor.client.tokenResponse([API_SCOPE], grant);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      error: 'invalid_altinn_customer_configuration',
      error_description: expect.stringMatching(/^MP-303/),
    });
    // Altinn deletes the request with the System User, so the vendor can simply ask again.
    expect((await create({ partyOrgNo: orgnr, externalRef: 'cust-revoke' })).statusCode).toBe(201);
  });

  it('reports a request older than the time-out as Timedout and lets the vendor ask anew', async () => {
    await control('PUT', 'altinn/request-timeout', { seconds: 60 });
    const orgnr = freshOrg();
    const request = (await create({ partyOrgNo: orgnr })).json();
    await control('PUT', 'maskinporten/clock', { offset_ms: 61_000 });
    try {
      const read = (await vendor.call('GET', `${REQUESTS}/${request.id}`)).json();
      expect(read).toMatchObject({ status: 'Timedout', timedOut: true });
      expect((await control('POST', `altinn/requests/${request.id}/approve`)).json().code).toBe('AUTH-00013');
      const renewed = await create({ partyOrgNo: orgnr });
      expect(renewed.statusCode).toBe(201);
      expect(renewed.json().id).not.toBe(request.id);
    } finally {
      await control('PUT', 'maskinporten/clock', { offset_ms: 0 });
      await control('PUT', 'altinn/request-timeout', { seconds: 180 * 24 * 3600 });
    }
  });
});
