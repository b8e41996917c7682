import { FIXTURE_ORGNRS as ORGNR } from '../fixtures/fixture-orgnrs';
import { APP_PATH, type AppInstanceJson, type AppSession, MvaFiler } from '../testing/altinn-app-client';
import { startGovsim, type RunningGovsim } from '../testing/govsim-test-app';
import { konvoluttXml, meldingXml } from '../testing/mva-documents';

/** Booting govsim and generating RSA keys is slow when the machine is busy. */
const SETUP_TIMEOUT_MS = 30_000;

const FAULTS = '/govsim/control/faults';

describe('the app’s routes go through the fault injector', () => {
  let govsim: RunningGovsim;
  let app: AppSession;
  let instance: AppInstanceJson;

  const setFaults = (rules: unknown[]) =>
    govsim.inject({ method: 'PUT', url: FAULTS, payload: rules as object });

  beforeAll(async () => {
    govsim = await startGovsim();
    const filer = await MvaFiler.register(govsim);
    await filer.grant(ORGNR.reference);
    app = filer.session(await filer.altinnToken(ORGNR.reference));
  }, SETUP_TIMEOUT_MS);
  beforeEach(async () => {
    instance = (await app.createInstance(ORGNR.reference)).json<AppInstanceJson>();
    await app.putKonvolutt(instance, konvoluttXml({ orgnr: ORGNR.reference }));
    await app.postMelding(
      instance,
      meldingXml({ orgnr: ORGNR.reference, regnskapssystemsreferanse: 'faults' }),
    );
  });
  afterEach(() => govsim.inject({ method: 'DELETE', url: FAULTS }));
  afterAll(() => govsim.app.close());

  it('fails process/next with 503 and leaves the instance where it was, so a retry succeeds', async () => {
    await setFaults([{ route_prefix: `${APP_PATH}/instances`, kind: 'status', status: 503, times: 1 }]);
    const failed = await app.next(instance);
    expect(failed.statusCode).toBe(503);
    expect(failed.headers['content-type']).toMatch(/^application\/problem\+json/);
    const retried = await app.next(instance);
    expect(retried.statusCode).toBe(200);
    expect(retried.json().currentTask.elementId).toBe('Task_2');
  });

  it('rate-limits instance creation with 429 and Retry-After', async () => {
    await setFaults([
      { route_prefix: `${APP_PATH}/instances`, kind: 'rate_limit', retry_after_s: 3, times: 1 },
    ]);
    const limited = await app.createInstance(ORGNR.reference);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('3');
    expect((await app.createInstance(ORGNR.reference)).statusCode).toBe(201);
  });

  it('drops the connection on one instance’s feedback and times out the validation API', async () => {
    await setFaults([
      { route_prefix: `${new URL(instance.selfLinks.apps).pathname}/feedback`, kind: 'drop', times: 1 },
      {
        route_prefix: '/skatteetaten/api/mva/grensesnittstoette/mva-melding',
        kind: 'timeout',
        latency_ms: 50,
        times: 1,
      },
    ]);
    await expect(app.call('GET', `${instance.selfLinks.apps}/feedback/status`)).rejects.toThrow(/destroyed/);
    expect((await app.call('GET', `${instance.selfLinks.apps}/feedback/status`)).statusCode).toBe(200);
    await expect(
      govsim.inject({ method: 'POST', url: '/skatteetaten/api/mva/grensesnittstoette/mva-melding/valider' }),
    ).rejects.toThrow(/destroyed/);
  });
});
