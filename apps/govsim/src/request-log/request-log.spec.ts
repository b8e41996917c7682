import { FIXTURE_ORGNRS as ORGNR } from '../fixtures/fixture-orgnrs';
import { type RunningGovsim, startGovsim } from '../testing/govsim-test-app';

const REQUESTS = '/govsim/control/requests';

describe('govsim request log', () => {
  let govsim: RunningGovsim;
  beforeAll(async () => {
    govsim = await startGovsim();
  });
  afterAll(() => govsim.app.close());
  afterEach(async () => {
    await govsim.inject({ method: 'DELETE', url: '/govsim/control/faults' });
    await govsim.inject({ method: 'DELETE', url: REQUESTS });
  });
  const requests = async (prefix?: string) =>
    (
      await govsim.inject({
        method: 'GET',
        url: prefix ? `${REQUESTS}?path_prefix=${encodeURIComponent(prefix)}` : REQUESTS,
      })
    ).json().requests;

  it('lists answered agency requests with status and time, and leaves control calls out', async () => {
    const before = Date.now();
    await govsim.inject({ method: 'GET', url: `/enhetsregisteret/api/enheter/${ORGNR.sandbox}` });
    await govsim.inject({ method: 'GET', url: '/enhetsregisteret/api/enheter/315678404' });
    await govsim.inject({ method: 'GET', url: '/govsim/control/fixtures' });
    const logged = await requests();
    expect(logged).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: `/enhetsregisteret/api/enheter/${ORGNR.sandbox}`,
        status: 200,
      }),
      expect.objectContaining({ path: '/enhetsregisteret/api/enheter/315678404', status: 404 }),
    ]);
    expect(Date.parse(logged[0].received_at)).toBeGreaterThanOrEqual(before - 5);
  });

  it('records injected faults as answered, and filters by path prefix', async () => {
    await govsim.inject({
      method: 'PUT',
      url: '/govsim/control/faults',
      payload: [{ route_prefix: '/skatteetaten', kind: 'rate_limit', retry_after_s: 2, times: 1 }],
    });
    await govsim.inject({
      method: 'GET',
      url: `/skatteetaten/api/mva/mvaregister/v1/enhet/${ORGNR.sandbox}`,
    });
    await govsim.inject({ method: 'GET', url: `/nav/aareg/api/v1/opplysningspliktig/arbeidsgiveroversikt` });
    expect(await requests('/skatteetaten')).toEqual([expect.objectContaining({ status: 429 })]);
  });

  it('starts over when cleared', async () => {
    await govsim.inject({ method: 'GET', url: `/enhetsregisteret/api/enheter/${ORGNR.sandbox}` });
    expect(await requests()).toHaveLength(1);
    expect((await govsim.inject({ method: 'DELETE', url: REQUESTS })).statusCode).toBe(204);
    expect(await requests()).toEqual([]);
  });
});
