import { FIXTURE_ORGNRS as ORGNR } from '../fixtures/fixture-orgnrs';
import { type AppInstanceJson, type AppSession, MvaFiler } from '../testing/altinn-app-client';
import { startGovsim, TEST_BASE_URL, type RunningGovsim } from '../testing/govsim-test-app';
import { konvoluttXml, meldingXml } from '../testing/mva-documents';

/** Booting govsim and generating RSA keys is slow when the machine is busy. */
const SETUP_TIMEOUT_MS = 30_000;

const CONTROL = '/govsim/control/altinn-apps';

describe('a return that needs a person: the process stops at signing until someone signs in Altinn', () => {
  let govsim: RunningGovsim;
  let app: AppSession;

  const settings = (payload: object) => govsim.inject({ method: 'PUT', url: `${CONTROL}/settings`, payload });

  async function confirmedOnce(orgnr: string, reference: string): Promise<AppInstanceJson> {
    const instance = (await app.createInstance(orgnr)).json<AppInstanceJson>();
    await app.putKonvolutt(instance, konvoluttXml({ orgnr }));
    await app.postMelding(instance, meldingXml({ orgnr, regnskapssystemsreferanse: reference }));
    expect((await app.next(instance)).statusCode).toBe(200);
    return instance;
  }

  beforeAll(async () => {
    govsim = await startGovsim();
    const filer = await MvaFiler.register(govsim);
    await filer.grant(ORGNR.reference);
    app = filer.session(await filer.altinnToken(ORGNR.reference));
  }, SETUP_TIMEOUT_MS);
  afterEach(() => settings({ needs_confirmation: { all: false, orgnrs: [] } }));
  afterAll(() => govsim.app.close());

  it('keeps the process at a signing task with a link to the inbox, delivers nothing, gives no feedback', async () => {
    await settings({ needs_confirmation: { orgnrs: [ORGNR.reference] }, feedback_delay_ms: 0 });
    const instance = await confirmedOnce(ORGNR.reference, 'needs-a-person');
    const second = await app.next(instance);
    expect(second.statusCode).toBe(200);
    expect(second.json().currentTask).toMatchObject({
      elementId: 'Task_2',
      altinnTaskType: 'signing',
      name: 'Signering',
    });
    expect(second.json().ended).toBeNull();
    // Asking again changes nothing: only a person can sign.
    expect((await app.next(instance)).json().currentTask.altinnTaskType).toBe('signing');

    const waiting = (await app.get(instance)).json<AppInstanceJson>();
    expect(waiting.dataValues).toEqual({
      altinnInboxUrl: `${TEST_BASE_URL}/ui/messagebox?instanceId=${encodeURIComponent(instance.id)}`,
    });
    expect(waiting.status.isArchived).toBe(false);
    expect(waiting.data.map((d) => d.dataType)).not.toContain('betalingsinformasjon');
    expect((await app.call('GET', `${instance.selfLinks.apps}/feedback/status`)).json()).toEqual({
      isFeedbackProvided: false,
    });
    expect((await app.call('GET', `${instance.selfLinks.apps}/feedback`)).statusCode).toBe(400);
    const ledger = (await govsim.inject({ method: 'GET', url: `${CONTROL}/submissions` })).json();
    expect(ledger.total).toBe(0);

    // The person signs; the return is delivered and answered like any other.
    const [partyId, guid] = instance.id.split('/');
    const signed = await govsim.inject({
      method: 'POST',
      url: `${CONTROL}/instances/${partyId}/${guid}/sign`,
    });
    expect(signed.statusCode).toBe(200);
    const feedback = await app.call('GET', `${instance.selfLinks.apps}/feedback`);
    expect(feedback.statusCode).toBe(200);
    expect(feedback.json()).toMatchObject({
      status: { isArchived: true, substatus: { label: 'Mottatt' } },
      dataValues: null,
    });
    expect((await govsim.inject({ method: 'GET', url: `${CONTROL}/submissions` })).json().total).toBe(1);
    expect(
      (await govsim.inject({ method: 'POST', url: `${CONTROL}/instances/${partyId}/${guid}/sign` }))
        .statusCode,
    ).toBe(409);
  });

  it('applies to every organisation with `all`, and only to the listed ones otherwise', async () => {
    await settings({ needs_confirmation: { orgnrs: [ORGNR.sandbox] } });
    const unaffected = await confirmedOnce(ORGNR.reference, 'not-listed');
    expect((await app.next(unaffected)).json().currentTask.altinnTaskType).toBe('feedback');
    await settings({ needs_confirmation: { all: true } });
    const everyone = await confirmedOnce(ORGNR.reference, 'all');
    expect((await app.next(everyone)).json().currentTask.altinnTaskType).toBe('signing');
    expect(
      (await govsim.inject({ method: 'GET', url: `${CONTROL}/settings` })).json().needs_confirmation,
    ).toEqual({
      all: true,
      orgnrs: [ORGNR.sandbox],
    });
  });

  it('refuses malformed settings and signing an unknown instance', async () => {
    for (const payload of [
      { needs_confirmation: { orgnrs: ['12'] } },
      { feedback_delay_ms: -1 },
      { surprise: 1 },
    ])
      expect((await settings(payload)).statusCode).toBe(400);
    const unknown = await govsim.inject({
      method: 'POST',
      url: `${CONTROL}/instances/531567842/00000000-0000-0000-0000-000000000000/sign`,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('starts over on reset', async () => {
    await settings({ needs_confirmation: { all: true }, feedback_delay_ms: 5 });
    await confirmedOnce(ORGNR.reference, 'before-reset');
    expect((await govsim.inject({ method: 'POST', url: `${CONTROL}/reset` })).statusCode).toBe(204);
    expect((await govsim.inject({ method: 'GET', url: `${CONTROL}/instances` })).json()).toEqual([]);
    expect((await govsim.inject({ method: 'GET', url: `${CONTROL}/settings` })).json()).toMatchObject({
      feedback_delay_ms: 500,
      needs_confirmation: { all: false, orgnrs: [] },
    });
  });
});
