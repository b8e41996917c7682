import { startGovsim, TEST_BASE_URL, type RunningGovsim } from '../testing/govsim-test-app';
import {
  API_SCOPE,
  type AltinnVendor,
  CUSTOMER_ORGNR,
  decisionForm,
  PACKAGES,
  registerVendor,
  RETURN_URL,
  SYSTEM_ID,
} from '../testing/altinn-vendor-fixture';

const REQUESTS = '/authentication/api/v1/systemuser/request/vendor';

describe('System User handshake: vendor asks, the customer decides on the confirm page', () => {
  let govsim: RunningGovsim;
  let vendor: AltinnVendor;

  const openConfirmPage = (confirmUrl: string) =>
    govsim.inject({ method: 'GET', url: confirmUrl.slice(TEST_BASE_URL.length) });
  const submit = (action: string, formToken: string) =>
    govsim.inject({
      method: 'POST',
      url: action,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ form_token: formToken }).toString(),
    });

  beforeAll(async () => {
    govsim = await startGovsim();
    vendor = await registerVendor(govsim);
  });
  afterAll(() => govsim.app.close());

  it('creates a request, shows it to the customer, and after approval Maskinporten issues the System User token', async () => {
    const body = {
      systemId: SYSTEM_ID,
      partyOrgNo: CUSTOMER_ORGNR,
      accessPackages: PACKAGES.map((urn) => ({ urn })),
    };
    const created = await vendor.call('POST', REQUESTS, body);
    expect(created.statusCode).toBe(201);
    const request = created.json();
    expect(created.headers['location']).toBe(
      `${TEST_BASE_URL}/authentication/api/v1/systemuser/request/${request.id}`,
    );
    expect(request).toMatchObject({
      systemId: SYSTEM_ID,
      partyOrgNo: CUSTOMER_ORGNR,
      externalRef: CUSTOMER_ORGNR,
      status: 'New',
      timedOut: false,
      escalated: false,
      confirmUrl: `${TEST_BASE_URL}/accessmanagement/ui/systemuser/request?id=${request.id}&DONTCHOOSEREPORTEE=true`,
    });

    const again = await vendor.call('POST', REQUESTS, body);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(request.id);

    const page = await openConfirmPage(request.confirmUrl);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.body).toContain('FJORDLYS TESTDATA AS');
    expect(page.body).toContain(CUSTOMER_ORGNR);
    expect(page.body).toContain('Apier megler');
    for (const urn of PACKAGES) expect(page.body).toContain(urn);

    const { action, formToken } = decisionForm(page.body, 'approve');
    const decided = await submit(action, formToken);
    expect(decided.statusCode).toBe(200);
    expect(decided.body).toContain('Accepted');

    const status = await vendor.call('GET', `${REQUESTS}/${request.id}`);
    expect(status.json().status).toBe('Accepted');
    const systemUser = await vendor.call(
      'GET',
      `/authentication/api/v1/systemuser/vendor/byquery?system-id=${SYSTEM_ID}&orgno=${CUSTOMER_ORGNR}`,
    );
    expect(systemUser.statusCode).toBe(200);
    expect(systemUser.json()).toMatchObject({
      systemId: SYSTEM_ID,
      reporteeOrgNo: CUSTOMER_ORGNR,
      externalRef: CUSTOMER_ORGNR,
      supplierOrgno: '991825827',
      isDeleted: false,
      userType: 'standard',
      accessPackages: PACKAGES.map((urn) => ({ urn })),
    });

    const mpToken = await vendor.client.token([API_SCOPE], { orgnr: CUSTOMER_ORGNR });
    const claims = JSON.parse(Buffer.from(mpToken.split('.')[1]!, 'base64url').toString());
    expect(claims.authorization_details[0]).toMatchObject({
      systemuser_org: { ID: `0192:${CUSTOMER_ORGNR}` },
      systemuser_id: [systemUser.json().id],
      system_id: SYSTEM_ID,
    });

    // Decided requests no longer offer the buttons, and a second approval is refused.
    const after = await openConfirmPage(request.confirmUrl);
    expect(after.body).not.toContain('<form');
    expect((await submit(action, formToken)).statusCode).toBe(409);
  });

  it('sends the browser back to the redirectUrl after a rejection', async () => {
    const created = await vendor.call('POST', REQUESTS, {
      systemId: SYSTEM_ID,
      partyOrgNo: '315678439',
      externalRef: 'cust-reject',
      accessPackages: [{ urn: PACKAGES[0] }],
      redirectUrl: RETURN_URL,
    });
    expect(created.statusCode).toBe(201);
    const request = created.json();
    const { action, formToken } = decisionForm((await openConfirmPage(request.confirmUrl)).body, 'reject');
    const decided = await submit(action, formToken);
    expect(decided.statusCode).toBe(303);
    expect(decided.headers['location']).toBe(`${RETURN_URL}?id=${request.id}&status=Rejected`);
    expect((await vendor.call('GET', `${REQUESTS}/${request.id}`)).json().status).toBe('Rejected');
    expect(
      (
        await vendor.client.tokenResponse([API_SCOPE], { orgnr: '315678439', externalRef: 'cust-reject' })
      ).json(),
    ).toMatchObject({ error: 'invalid_altinn_customer_configuration' });
  });

  it('refuses a decision that does not carry the page’s form token', async () => {
    const request = (
      await vendor.call('POST', REQUESTS, {
        systemId: SYSTEM_ID,
        partyOrgNo: '315678463',
        accessPackages: [],
      })
    ).json();
    const { action } = decisionForm((await openConfirmPage(request.confirmUrl)).body, 'approve');
    for (const payload of ['', 'form_token=guess', `form_token=${'A'.repeat(43)}`]) {
      const response = await govsim.inject({
        method: 'POST',
        url: action,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload,
      });
      expect(response.statusCode).toBe(403);
    }
    expect((await vendor.call('GET', `${REQUESTS}/${request.id}`)).json().status).toBe('New');
  });

  it('escapes every vendor-supplied value on the page', async () => {
    const request = (
      await vendor.call('POST', REQUESTS, {
        systemId: SYSTEM_ID,
        partyOrgNo: '315678501',
        externalRef: 'x"><script>alert(1)</script>',
        integrationTitle: '<img src=x onerror=alert(1)>',
      })
    ).json();
    const page = await openConfirmPage(request.confirmUrl);
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.body).not.toContain('<img');
    expect(page.body).not.toContain('<script');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('shows a 404 page for an unknown or missing request id', async () => {
    for (const url of [
      '/accessmanagement/ui/systemuser/request?id=00000000-0000-0000-0000-000000000000',
      '/accessmanagement/ui/systemuser/request',
      '/accessmanagement/ui/systemuser/request?id=%3Cscript%3E',
    ]) {
      const response = await govsim.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('<script>');
    }
  });
});
