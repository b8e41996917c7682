import { FIXTURE_ORGNRS as ORGNR } from '../fixtures/fixture-orgnrs';
import {
  APP_PATH,
  type AppInstanceJson,
  type AppSession,
  MvaFiler,
  pathOf,
} from '../testing/altinn-app-client';
import { startGovsim, TEST_BASE_URL, type RunningGovsim } from '../testing/govsim-test-app';
import { konvoluttXml, meldingXml } from '../testing/mva-documents';

/** Booting govsim and generating RSA keys is slow when the machine is busy. */
const SETUP_TIMEOUT_MS = 30_000;

const CONTROL = '/govsim/control/altinn-apps';

describe('an MVA return filed through the Altinn app, from instance to feedback', () => {
  let govsim: RunningGovsim;
  let app: AppSession;

  const setSettings = (payload: object) =>
    govsim.inject({ method: 'PUT', url: `${CONTROL}/settings`, payload });

  /** Creates an instance and fills it in with a valid return for the reference company, term 3/2026. */
  async function filledInstance(reference: string): Promise<AppInstanceJson> {
    const created = await app.createInstance(ORGNR.reference);
    expect(created.statusCode).toBe(201);
    const instance = created.json<AppInstanceJson>();
    expect((await app.putKonvolutt(instance, konvoluttXml({ orgnr: ORGNR.reference }))).statusCode).toBe(200);
    const melding = meldingXml({ orgnr: ORGNR.reference, regnskapssystemsreferanse: reference });
    expect((await app.postMelding(instance, melding)).statusCode).toBe(201);
    return instance;
  }

  beforeAll(async () => {
    govsim = await startGovsim();
    const filer = await MvaFiler.register(govsim);
    await filer.grant(ORGNR.reference);
    app = filer.session(await filer.altinnToken(ORGNR.reference));
  }, SETUP_TIMEOUT_MS);
  beforeEach(() => setSettings({ feedback_delay_ms: 100 }));
  afterAll(() => govsim.app.close());

  it('creates an instance shaped like the real one, with the pre-created envelope element', async () => {
    const response = await app.createInstance(ORGNR.reference);
    expect(response.statusCode).toBe(201);
    const instance = response.json();
    const [partyId, guid] = instance.id.split('/');
    expect(partyId).toMatch(/^\d+$/);
    expect(guid).toMatch(/^[0-9a-f-]{36}$/);
    expect(instance).toMatchObject({
      instanceOwner: { partyId, personNumber: null, organisationNumber: ORGNR.reference },
      appId: 'skd/mva-melding-innsending-etm2',
      org: 'skd',
      selfLinks: {
        apps: `${TEST_BASE_URL}${APP_PATH}/instances/${instance.id}`,
        platform: `${TEST_BASE_URL}/storage/api/v1/instances/${instance.id}`,
      },
      process: {
        startEvent: 'StartEvent_1',
        currentTask: { elementId: 'Task_1', altinnTaskType: 'data', name: 'Utfylling' },
        ended: null,
      },
      status: { isArchived: false, substatus: null },
    });
    expect(instance.data).toHaveLength(1);
    expect(instance.data[0]).toMatchObject({
      dataType: 'no.skatteetaten.fastsetting.avgift.mva.mvameldinginnsending.v1.0',
      contentType: 'application/xml',
      instanceGuid: guid,
      blobStoragePath: `skd/mva-melding-innsending-etm2/${guid}/data/${instance.data[0].id}`,
      locked: false,
    });
    expect(instance.data[0].selfLinks.apps).toBe(`${instance.selfLinks.apps}/data/${instance.data[0].id}`);
  });

  it('runs create → envelope → melding → next → next → feedback, then serves the feedback files', async () => {
    const instance = await filledInstance('happy-path-1');

    const toConfirm = await app.next(instance);
    expect(toConfirm.statusCode).toBe(200);
    expect(toConfirm.json().currentTask).toMatchObject({
      elementId: 'Task_2',
      altinnTaskType: 'confirmation',
    });

    const toFeedback = await app.next(instance);
    expect(toFeedback.statusCode).toBe(200);
    expect(toFeedback.json().currentTask).toMatchObject({ elementId: 'Task_3', altinnTaskType: 'feedback' });

    // Payment information exists as soon as the return is confirmed, before any feedback.
    const delivered = (await app.get(instance)).json<AppInstanceJson>();
    expect(delivered.data.map((d) => d.dataType)).toContain('betalingsinformasjon');
    expect(
      delivered.data.every(
        (d) => d.dataType === 'betalingsinformasjon' || (d as { locked?: boolean }).locked,
      ),
    ).toBe(true);

    const status = await app.call('GET', `${instance.selfLinks.apps}/feedback/status`);
    expect(status.statusCode).toBe(200);
    expect(status.json()).toEqual({ isFeedbackProvided: false });

    const feedback = await app.call('GET', `${instance.selfLinks.apps}/feedback`);
    expect(feedback.statusCode).toBe(200);
    const final = feedback.json<AppInstanceJson>();
    expect(final.process.currentTask).toBeNull();
    expect(final.process.ended).toEqual(expect.any(String));
    expect(final.status).toMatchObject({
      isArchived: true,
      substatus: { label: 'Mottatt', description: 'Mva-meldingen er levert og mottatt av Skatteetaten.' },
    });
    expect((await app.call('GET', `${instance.selfLinks.apps}/feedback/status`)).json()).toEqual({
      isFeedbackProvided: true,
    });

    const file = (dataType: string) => final.data.find((d) => d.dataType === dataType)!;
    const valideringsresultat = await app.call('GET', file('valideringsresultat').selfLinks.apps);
    expect(valideringsresultat.statusCode).toBe(200);
    expect(valideringsresultat.headers['content-type']).toMatch(/^text\/xml/);
    expect(valideringsresultat.body).toContain(
      '<valideringsresultat xmlns="no:skatteetaten:fastsetting:avgift:mva:valideringsresultat:v1">',
    );
    expect(valideringsresultat.body).toContain(
      '<avvikVedMeldingslevering>ingen avvik</avvikVedMeldingslevering>',
    );

    const betaling = (await app.call('GET', file('betalingsinformasjon').selfLinks.apps)).body;
    expect(betaling).toContain(`<innsendingsreferanse>${instance.id}</innsendingsreferanse>`);
    expect(betaling).toContain(`<organisasjonsnummer>${ORGNR.reference}</organisasjonsnummer>`);
    expect(betaling).toContain('<skattleggingsperiodeToMaaneder>mai-juni</skattleggingsperiodeToMaaneder>');
    expect(betaling).toContain('<beloep>2500</beloep>');
    // Term 3 has the special 31 August deadline; 31 August 2026 is a Monday.
    expect(betaling).toContain('<betalingsfrist>2026-08-31</betalingsfrist>');
    expect(betaling).toMatch(/<kundeidentifikasjonsnummer>\d{16}<\/kundeidentifikasjonsnummer>/);
    expect(betaling).toMatch(/<norskKontonummer>\d{11}<\/norskKontonummer>/);

    const kvittering = await app.call('GET', file('kvittering').selfLinks.apps);
    expect(kvittering.headers['content-type']).toBe('application/pdf');
    expect(kvittering.headers['content-disposition']).toContain('kvittering.pdf');
    expect(kvittering.rawPayload.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(kvittering.rawPayload.toString('latin1')).toContain(instance.id);

    // Skatteetaten's innsyn now lists the return.
    const innsyn = await govsim.inject({
      method: 'GET',
      url: `/skatteetaten/api/mva/grensesnittstoette/innsyn/melding/innsending/melding/v1/${ORGNR.reference}`,
      headers: { accept: 'application/json' },
    });
    expect(innsyn.statusCode).toBe(200);
    expect(innsyn.body).toContain('mai-juni');
  });

  it('holds GET …/feedback until the feedback is there', async () => {
    await setSettings({ feedback_delay_ms: 400 });
    const instance = await filledInstance('slow-feedback');
    await app.next(instance);
    await app.next(instance);
    const started = Date.now();
    const feedback = await app.call('GET', `${instance.selfLinks.apps}/feedback`);
    expect(feedback.statusCode).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(feedback.json().status.isArchived).toBe(true);
  });

  it('gives up on GET …/feedback at the wait cap with 504, and refuses it for an undelivered return', async () => {
    await setSettings({ feedback_delay_ms: 60_000, feedback_wait_cap_ms: 150 });
    const instance = await filledInstance('never-answered');
    const early = await app.call('GET', `${instance.selfLinks.apps}/feedback`);
    expect(early.statusCode).toBe(400);
    expect(early.headers['content-type']).toMatch(/^application\/problem\+json/);
    await app.next(instance);
    await app.next(instance);
    const waited = await app.call('GET', `${instance.selfLinks.apps}/feedback`);
    expect(waited.statusCode).toBe(504);
    await setSettings({ feedback_wait_cap_ms: 30_000 });
  });

  it('refuses to move a process that waits for feedback or has ended', async () => {
    await setSettings({ feedback_delay_ms: 60_000 });
    const instance = await filledInstance('no-more-moves');
    await app.next(instance);
    await app.next(instance);
    const waiting = await app.next(instance);
    expect(waiting.statusCode).toBe(409);
    expect(waiting.headers['content-type']).toMatch(/^text\/plain/);
    // Data is locked after fill-in.
    const late = await app.postMelding(
      instance,
      meldingXml({ orgnr: ORGNR.reference, regnskapssystemsreferanse: 'x' }),
    );
    expect(late.statusCode).toBe(409);
  });

  it('lets a second instance for the same term through and counts both, per term and per reference', async () => {
    await govsim.inject({ method: 'POST', url: `${CONTROL}/reset` });
    await setSettings({ feedback_delay_ms: 0 });
    for (const reference of ['dup-ref', 'dup-ref', 'other-ref']) {
      const instance = await filledInstance(reference);
      expect((await app.next(instance)).statusCode).toBe(200);
      expect((await app.next(instance)).statusCode).toBe(200);
    }
    // An instance that is only created is not a submission.
    await app.createInstance(ORGNR.reference);
    const ledger = (await govsim.inject({ method: 'GET', url: `${CONTROL}/submissions` })).json();
    expect(ledger.total).toBe(3);
    expect(ledger.per_period).toEqual([
      { orgnr: ORGNR.reference, periode: { type: 'toMaaneder', value: 'mai-juni', year: 2026 }, count: 3 },
    ]);
    expect(ledger.per_reference).toEqual(
      expect.arrayContaining([
        { regnskapssystemsreferanse: 'dup-ref', count: 2 },
        { regnskapssystemsreferanse: 'other-ref', count: 1 },
      ]),
    );
    const byReference = await govsim.inject({
      method: 'GET',
      url: `${CONTROL}/submissions?regnskapssystemsreferanse=dup-ref`,
    });
    expect(byReference.json().total).toBe(2);
    const byOtherOrg = await govsim.inject({
      method: 'GET',
      url: `${CONTROL}/submissions?orgnr=${ORGNR.sandbox}`,
    });
    expect(byOtherOrg.json().total).toBe(0);
    const instances = (await govsim.inject({ method: 'GET', url: `${CONTROL}/instances` })).json();
    expect(instances).toHaveLength(4);
    expect((await govsim.inject({ method: 'GET', url: `${CONTROL}/submissions?orgnr=12` })).statusCode).toBe(
      400,
    );
  });

  it('serves the uploaded documents back through their self links', async () => {
    const instance = await filledInstance('download-me');
    const current = (await app.get(instance)).json<AppInstanceJson>();
    const melding = current.data.find((d) => d.dataType === 'mvamelding')!;
    expect(melding).toMatchObject({ filename: 'mvaMelding.xml', contentType: 'text/xml' });
    const download = await app.call('GET', pathOf(melding.selfLinks.apps));
    expect(download.statusCode).toBe(200);
    expect(download.body).toContain('<regnskapssystemsreferanse>download-me</regnskapssystemsreferanse>');
    const missing = await app.call(
      'GET',
      `${instance.selfLinks.apps}/data/00000000-0000-0000-0000-000000000000`,
    );
    expect(missing.statusCode).toBe(404);
  });
});
