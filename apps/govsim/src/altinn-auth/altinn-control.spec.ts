import { startGovsim, type RunningGovsim } from '../testing/govsim-test-app';
import {
  API_SCOPE,
  CUSTOMER_ORGNR,
  registerVendor,
  SYSTEM_ID,
  type AltinnVendor,
} from '../testing/altinn-vendor-fixture';

const CONTROL = '/govsim/control/altinn';

describe('Altinn control API', () => {
  let govsim: RunningGovsim;
  let vendor: AltinnVendor;
  const control = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    govsim.inject({ method, url: `${CONTROL}/${url}`, ...(payload ? { payload: payload as object } : {}) });

  beforeAll(async () => {
    govsim = await startGovsim();
    vendor = await registerVendor(govsim);
  });
  afterAll(() => govsim.app.close());

  it('approves as the customer would, and shows systems, requests and System Users in the state', async () => {
    const request = (
      await vendor.call('POST', '/authentication/api/v1/systemuser/request/vendor', {
        systemId: SYSTEM_ID,
        partyOrgNo: CUSTOMER_ORGNR,
      })
    ).json();
    const approved = await control('POST', `requests/${request.id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      id: request.id,
      status: 'Accepted',
      systemUserId: expect.any(String),
    });

    const state = (await control('GET', 'state')).json();
    expect(state.settings).toEqual({ request_timeout_seconds: 180 * 24 * 3600, page_size: 100 });
    expect(state.systems.map((s: { id: string }) => s.id)).toEqual([SYSTEM_ID]);
    expect(state.requests).toEqual([expect.objectContaining({ id: request.id, status: 'Accepted' })]);
    expect(state.systemUsers).toEqual([expect.objectContaining({ id: approved.json().systemUserId })]);
    expect(JSON.stringify(state)).not.toContain('confirmFormToken');
  });

  it('answers an unknown request with AUTH-00010 and bad settings with 400', async () => {
    const unknown = await control('POST', 'requests/00000000-0000-4000-8000-000000000000/reject');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('AUTH-00010');
    expect((await control('PUT', 'request-timeout', { seconds: -1 })).statusCode).toBe(400);
    expect((await control('PUT', 'page-size', { size: 0 })).statusCode).toBe(400);
  });

  it('resets everything, after which Maskinporten no longer finds the System User', async () => {
    expect((await vendor.client.tokenResponse([API_SCOPE], { orgnr: CUSTOMER_ORGNR })).statusCode).toBe(200);
    expect((await control('POST', 'reset')).statusCode).toBe(204);
    const state = (await control('GET', 'state')).json();
    expect(state).toMatchObject({ systems: [], requests: [], systemUsers: [] });
    expect((await vendor.client.tokenResponse([API_SCOPE], { orgnr: CUSTOMER_ORGNR })).json().error).toBe(
      'invalid_altinn_customer_configuration',
    );
  });
});
