import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, SignJWT } from 'jose';
import { FIXTURE_ORGNRS as ORGNR } from '../fixtures/fixture-orgnrs';
import { MvaFiler } from '../testing/altinn-app-client';
import { startGovsim, type RunningGovsim } from '../testing/govsim-test-app';
import { type MeldingSpec, meldingXml } from '../testing/mva-documents';

/** Booting govsim and generating RSA keys is slow when the machine is busy. */
const SETUP_TIMEOUT_MS = 30_000;

const VALIDER = '/skatteetaten/api/mva/grensesnittstoette/mva-melding/valider';
const SETTINGS = '/govsim/control/mva-validation/settings';

describe('Skatteetaten’s validation API: always 200 with the verdict, for authorised XML only', () => {
  let govsim: RunningGovsim;
  let filer: MvaFiler;
  let token: string;

  const validate = (body: string, headers: Record<string, string> = {}) =>
    govsim.inject({
      method: 'POST',
      url: VALIDER,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml', ...headers },
      payload: body,
    });
  const melding = (spec: Partial<MeldingSpec> = {}) =>
    meldingXml({ orgnr: ORGNR.reference, regnskapssystemsreferanse: 'validation-spec', ...spec });
  const avvikKoder = (xml: string) => [...xml.matchAll(/<avvikKode>([^<]+)<\/avvikKode>/g)].map((m) => m[1]);
  const verdict = (xml: string) => /<avvikVedMeldingslevering>([^<]+)</.exec(xml)?.[1];
  const settings = (payload: object) => govsim.inject({ method: 'PUT', url: SETTINGS, payload });

  beforeAll(async () => {
    govsim = await startGovsim();
    filer = await MvaFiler.register(govsim);
    await filer.grant(ORGNR.reference);
    token = await filer.maskinportenToken(ORGNR.reference);
  }, SETUP_TIMEOUT_MS);
  afterEach(() => govsim.inject({ method: 'POST', url: '/govsim/control/mva-validation/reset' }));
  afterAll(() => govsim.app.close());

  describe('refuses before looking at the body', () => {
    it(
      '401 without a token, with a forged one or an expired one',
      async () => {
        const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
        const forged = await new SignJWT({ ...decodeJwt(token) })
          .setProtectedHeader({ alg: 'RS256', kid: 'govsim-maskinporten-1' })
          .sign(privateKey);
        for (const headers of [{ authorization: '' }, { authorization: `Bearer ${forged}` }]) {
          const response = await validate(melding(), headers);
          expect(response.statusCode).toBe(401);
          expect(response.body).toBe('');
        }
        await govsim.inject({
          method: 'PUT',
          url: '/govsim/control/maskinporten/clock',
          payload: { offset_ms: 600_000 },
        });
        try {
          expect((await validate(melding())).statusCode).toBe(401);
        } finally {
          await govsim.inject({
            method: 'PUT',
            url: '/govsim/control/maskinporten/clock',
            payload: { offset_ms: 0 },
          });
        }
      },
      SETUP_TIMEOUT_MS,
    );

    it('403 for a token without skatteetaten:mvameldingvalidering', async () => {
      const narrow = await filer.maskinportenToken(ORGNR.reference, ['altinn:instances.write']);
      const response = await validate(melding(), { authorization: `Bearer ${narrow}` });
      expect(response.statusCode).toBe(403);
    });

    it('415 for anything but application/xml', async () => {
      for (const contentType of ['text/plain', 'application/json', 'text/xml', 'application/octet-stream']) {
        const body = contentType === 'application/json' ? JSON.stringify({ xml: melding() }) : melding();
        const response = await validate(body, { 'content-type': contentType });
        expect(response.statusCode).toBe(415);
      }
    });
  });

  it('accepts an exchanged Altinn token carrying the scope too', async () => {
    const altinn = await filer.altinnToken(ORGNR.reference);
    const response = await validate(melding(), { authorization: `Bearer ${altinn}` });
    expect(response.statusCode).toBe(200);
  });

  it('answers a valid melding with "ingen avvik" in the v1 shape', async () => {
    const response = await validate(melding());
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/xml/);
    expect(response.body).toContain(
      '<valideringsresultat xmlns="no:skatteetaten:fastsetting:avgift:mva:valideringsresultat:v1">',
    );
    expect(verdict(response.body)).toBe('ingen avvik');
    expect(avvikKoder(response.body)).toEqual([]);
  });

  it('answers a melding breaking a rule with "ugyldig skattemelding", the rule and its official text', async () => {
    const response = await validate(melding().replace('<grunnlag>20000</grunnlag><sats>25</sats>', ''));
    expect(response.statusCode).toBe(200);
    expect(verdict(response.body)).toBe('ugyldig skattemelding');
    expect(avvikKoder(response.body)).toContain('R066');
    expect(response.body).toContain('<stiTilAvvik>');
    expect(response.body).toContain('<regelDefinisjon>');
  });

  it('answers a deviation with "avvikende skattemelding"', async () => {
    const response = await validate(
      melding({ fastsatt: 2499 }).replace(
        '<merverdiavgift>5000</merverdiavgift>',
        '<merverdiavgift>4999</merverdiavgift>',
      ),
    );
    expect(verdict(response.body)).toBe('avvikende skattemelding');
    expect(avvikKoder(response.body)).toContain('R019');
  });

  it('answers XML that fails the XSD, or is no XML at all, with R001 and still 200', async () => {
    for (const body of [
      '<?xml version="1.0"?><mvaMeldingDto xmlns="no:skatteetaten:fastsetting:avgift:mva:skattemeldingformerverdiavgift:v1.0"></mvaMeldingDto>',
      'not xml',
      '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><mvaMeldingDto>&lol;</mvaMeldingDto>',
    ]) {
      const response = await validate(body);
      expect(response.statusCode).toBe(200);
      expect(verdict(response.body)).toBe('ugyldig skattemelding');
      expect(avvikKoder(response.body)).toContain('R001');
    }
  });

  it('answers in the older documented shape behind the control switch', async () => {
    await settings({ shape: 'legacy' });
    const response = await validate(melding().replace('<grunnlag>20000</grunnlag><sats>25</sats>', ''));
    expect(response.body).toContain('<status>UGYLDIG_SKATTEMELDING</status>');
    expect(response.body).toContain('<valideringsfeil>');
    expect(response.body).not.toContain('avvikVedMeldingslevering');
  });

  it('rejects pre-2022 ordinary returns under R077 unless the switch is off', async () => {
    const old = melding({ aar: 2021 });
    expect(avvikKoder((await validate(old)).body)).toContain('R077');
    await settings({ enforce_r077: false });
    expect(avvikKoder((await validate(old)).body)).not.toContain('R077');
  });

  it('takes today from govsim: a term that has not ended is refused until the clock passes it', async () => {
    const julyAugust = melding({ periode: 'juli-august' });
    expect(avvikKoder((await validate(julyAugust)).body)).toContain('R059');
    const moved = await settings({ today: '2026-09-01' });
    expect(moved.json()).toMatchObject({ today: '2026-09-01' });
    const after = await validate(julyAugust);
    // By then the deadline of mai-juni, still owed, has passed too: a deviation, no longer a refusal.
    expect(verdict(after.body)).toBe('avvikende skattemelding');
    expect(avvikKoder(after.body)).toEqual(['R061']);
  });

  it('checks the simulated register and Enhetsregisteret', async () => {
    const notRegistered = await validate(melding({ orgnr: ORGNR.soleProprietorship }));
    expect(avvikKoder(notRegistered.body)).toContain('R047');
    const deleted = await validate(melding({ orgnr: ORGNR.deleted }));
    expect(verdict(deleted.body)).toBe('ugyldig skattemelding');
    expect(avvikKoder(deleted.body)).toEqual(expect.arrayContaining(['R072', 'R131']));
    const annual = await validate(
      melding({ periodeElement: 'skattleggingsperiodeAar', periode: 'aarlig', aar: 2025 }),
    );
    expect(avvikKoder(annual.body)).toContain('R049');
  });

  it('flags earlier terms the company still owes (R061) from the world’s innsyn status', async () => {
    const owing = await validate(melding({ orgnr: ORGNR.bankrupt }));
    expect(avvikKoder(owing.body)).toContain('R061');
    expect(owing.body).toContain('januar-februar 2026');
    expect(avvikKoder((await validate(melding())).body)).not.toContain('R061');
  });

  it('refuses malformed control settings', async () => {
    for (const payload of [
      { shape: 'v2' },
      { today: '15.07.2026' },
      { enforce_r077: 'yes' },
      { other: true },
    ])
      expect((await settings(payload)).statusCode).toBe(400);
    expect((await govsim.inject({ method: 'GET', url: SETTINGS })).json()).toEqual({
      shape: 'v1',
      enforce_r077: true,
      today: '2026-07-15',
    });
  });
});
