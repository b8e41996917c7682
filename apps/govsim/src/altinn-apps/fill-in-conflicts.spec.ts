import { FIXTURE_ORGNRS as ORGNR } from '../fixtures/fixture-orgnrs';
import { type AppInstanceJson, type AppSession, MvaFiler } from '../testing/altinn-app-client';
import { startGovsim, type RunningGovsim } from '../testing/govsim-test-app';
import { type KonvoluttSpec, konvoluttXml, type MeldingSpec, meldingXml } from '../testing/mva-documents';

/** Booting govsim and generating RSA keys is slow when the machine is busy. */
const SETUP_TIMEOUT_MS = 30_000;

const ORG = ORGNR.reference;
const melding = (spec: Partial<MeldingSpec> = {}) =>
  meldingXml({ orgnr: ORG, regnskapssystemsreferanse: 'conflict-spec', ...spec });
const konvolutt = (spec: Partial<KonvoluttSpec> = {}) => konvoluttXml({ orgnr: ORG, ...spec });

describe('the app refuses to finish fill-in with 409 and a plain-text reason', () => {
  let govsim: RunningGovsim;
  let app: AppSession;

  async function instanceWith(
    envelope: string | null,
    meldingDocument: string | null,
    attachments: { name: string; type?: string }[] = [],
  ): Promise<AppInstanceJson> {
    const instance = (await app.createInstance(ORG)).json<AppInstanceJson>();
    if (envelope !== null) expect((await app.putKonvolutt(instance, envelope)).statusCode).toBe(200);
    if (meldingDocument !== null)
      expect((await app.postMelding(instance, meldingDocument)).statusCode).toBe(201);
    for (const { name, type } of attachments)
      expect(
        (
          await app.postData(
            instance,
            'binaerVedlegg',
            Buffer.from('%PDF-1.4'),
            type ?? 'application/pdf',
            name,
          )
        ).statusCode,
      ).toBe(201);
    return instance;
  }

  async function expectConflict(instance: AppInstanceJson, text: string | RegExp): Promise<string> {
    const response = await app.next(instance);
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    if (typeof text === 'string') expect(response.body).toBe(text);
    else expect(response.body).toMatch(text);
    // The process stays in fill-in, so the client can fix the data and try again.
    expect((await app.get(instance)).json().process.currentTask.elementId).toBe('Task_1');
    return response.body;
  }

  beforeAll(async () => {
    govsim = await startGovsim();
    const filer = await MvaFiler.register(govsim);
    await filer.grant(ORG);
    app = filer.session(await filer.altinnToken(ORG));
  }, SETUP_TIMEOUT_MS);
  afterAll(() => govsim.app.close());

  it('without a melding', async () => {
    await expectConflict(await instanceWith(konvolutt(), null), /^Valideringsfeil: mva-melding mangler/);
  });

  it('with the envelope never filled in, or filled in without a term', async () => {
    const required =
      'Valideringsfeil: skattleggingsperiode er påkrevd i MvaMeldingInnsending. Validation error: skattleggingsperiode is required in MvaMeldingInnsending';
    await expectConflict(await instanceWith(null, melding()), required);
    await expectConflict(
      await instanceWith(konvolutt({ utenSkattleggingsperiode: true }), melding()),
      required,
    );
  });

  it('with an empty term in the envelope', async () => {
    const empty = konvolutt().replace(
      /<skattleggingsperiode>.*<\/skattleggingsperiode>/,
      '<skattleggingsperiode/>',
    );
    await expectConflict(
      await instanceWith(empty, melding()),
      'Valideringsfeil: skattleggingsperiode må være utfylt. Validation error: skattleggingsperiode must be populated',
    );
  });

  it('without instansstatus when the app runs an older version', async () => {
    await govsim.inject({
      method: 'PUT',
      url: '/govsim/control/altinn-apps/settings',
      payload: { require_instansstatus: true },
    });
    try {
      await expectConflict(
        await instanceWith(konvolutt(), melding()),
        'Valideringsfeil: instansstatus er påkrevd i MvaMeldingInnsending. Validation error: instansstatus is required in MvaMeldingInnsending',
      );
      const withStatus = await instanceWith(konvolutt({ instansstatus: 'Utfylling' }), melding());
      expect((await app.next(withStatus)).statusCode).toBe(200);
    } finally {
      await govsim.inject({
        method: 'PUT',
        url: '/govsim/control/altinn-apps/settings',
        payload: { require_instansstatus: false },
      });
    }
  });

  it('when the envelope names another organisation than the instance', async () => {
    await expectConflict(
      await instanceWith(konvolutt({ orgnr: ORGNR.sandbox }), melding()),
      'Valideringsfeil: Organisasjonsnummeret i instansen er forskjellig fra organisasjonsnummeret i MvaMeldingInnsending ("konvolutt")',
    );
  });

  it('when the melding names another organisation than the envelope', async () => {
    await expectConflict(
      await instanceWith(konvolutt(), melding({ orgnr: ORGNR.sandbox })),
      'Valideringsfeil: Organisasjonsnummeret i MvaMeldingInnsending ("konvolutt") er forskjellig fra organisasjonsnummeret i mvaMelding.xml',
    );
  });

  it('when envelope and melding disagree on the category', async () => {
    await expectConflict(
      await instanceWith(konvolutt({ meldingskategori: 'primaernaering' }), melding()),
      'Valideringsfeil: Meldingskategorien i MvaMeldingInnsending ("konvolutt") er forsjellig fra Meldingskategorien i mvaMelding.xml',
    );
  });

  it('when the envelope lists other attachments than were uploaded', async () => {
    const text =
      'Valideringsfeil: Liste med vedlegg definert i MvaMeldingInnsending ("konvolutt") er forskjellig fra listen med vedlegg som er lastet opp i instansen.';
    await expectConflict(await instanceWith(konvolutt({ vedlegg: ['merknad.pdf'] }), melding()), text);
    await expectConflict(await instanceWith(konvolutt(), melding(), [{ name: 'merknad.pdf' }]), text);
    const matching = await instanceWith(konvolutt({ vedlegg: ['merknad.pdf'] }), melding(), [
      { name: 'merknad.pdf' },
    ]);
    expect((await app.next(matching)).statusCode).toBe(200);
  });

  it('when two files share a name', async () => {
    await expectConflict(
      await instanceWith(konvolutt({ vedlegg: ['kopi.pdf', 'kopi.pdf'] }), melding(), [
        { name: 'kopi.pdf' },
        { name: 'kopi.pdf' },
      ]),
      /^Valideringsfeil: Filnavnet kopi\.pdf er brukt på flere filer i instansen/,
    );
    await expectConflict(
      await instanceWith(konvolutt({ vedlegg: ['mvaMelding.xml'] }), melding(), [
        { name: 'mvaMelding.xml', type: 'text/xml' },
      ]),
      /Filnavnet mvaMelding\.xml er brukt på flere filer/,
    );
  });

  it('when the envelope breaks its XSD', async () => {
    const wrongTerm = konvolutt().replace('>mai-juni<', '>juli-september<');
    const body = await expectConflict(
      await instanceWith(wrongTerm, melding()),
      /^Valideringsfeil \/ Validation error:\n/,
    );
    expect(body).toContain('skattleggingsperiodeToMaaneder');
  });

  it('when Skatteetaten’s validator rejects the melding, with the validation result as XML', async () => {
    const withoutBasis = melding().replace('<grunnlag>20000</grunnlag><sats>25</sats>', '');
    const body = await expectConflict(
      await instanceWith(konvolutt(), withoutBasis),
      /^Valideringsfeil: Ugyldig mva-melding\n<\?xml/,
    );
    expect(body).toContain('<avvikVedMeldingslevering>ugyldig skattemelding</avvikVedMeldingslevering>');
    expect(body).toContain('<avvikKode>R066</avvikKode>');
  });

  it('accepts an envelope without namespace, as the published examples are written', async () => {
    const instance = await instanceWith(konvolutt({ namespaced: false }), melding());
    expect((await app.next(instance)).statusCode).toBe(200);
  });

  it('lets the client fix the data after a 409 and finish', async () => {
    const instance = await instanceWith(konvolutt({ orgnr: ORGNR.sandbox }), melding());
    expect((await app.next(instance)).statusCode).toBe(409);
    expect((await app.putKonvolutt(instance, konvolutt())).statusCode).toBe(200);
    const next = await app.next(instance);
    expect(next.statusCode).toBe(200);
    expect(next.json().currentTask.elementId).toBe('Task_2');
  });

  it('refuses an envelope that is not XML at upload, with 400', async () => {
    const instance = (await app.createInstance(ORG)).json<AppInstanceJson>();
    for (const body of [
      'not xml',
      '<mvaMeldingInnsending><norskIdentifikator>',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><mvaMeldingInnsending/>',
    ]) {
      const response = await app.putKonvolutt(instance, body);
      expect(response.statusCode).toBe(400);
      expect(response.body).toMatch(/^Invalid data provided/);
    }
    const json = await app.call('PUT', instance.data[0]!.selfLinks.apps, {
      payload: { orgnr: ORG },
      headers: { 'content-type': 'application/json' },
    });
    expect(json.statusCode).toBe(400);
    expect(json.body).toContain('Invalid content type: application/json');
  });
});
