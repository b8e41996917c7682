import { FIXTURE_ORGNRS as ORGNR, FIXTURE_UNDERENHET_ORGNRS as SUB } from '../fixtures/fixture-orgnrs';
import { type RunningGovsim, startGovsim } from '../testing/govsim-test-app';

const REGISTER = '/skatteetaten/api/mva/mvaregister/v1/enhet';
const STATUS = '/skatteetaten/api/mva/grensesnittstoette/innsyn/melding/innsending/status/v1';
const MELDINGER = '/skatteetaten/api/mva/grensesnittstoette/innsyn/melding/innsending/melding/v1';

describe('Skatteetaten MVA APIs', () => {
  let govsim: RunningGovsim;
  beforeAll(async () => {
    govsim = await startGovsim();
  });
  afterAll(async () => {
    await govsim.app.close();
  });
  const get = (url: string) => govsim.inject({ method: 'GET', url });

  describe('MVA register', () => {
    it('shows the sandbox as registered for ordinary two-monthly returns', async () => {
      const response = await get(`${REGISTER}/${ORGNR.sandbox}`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        organisasjonsnummer: '999999999',
        registrert: true,
        meldingskategori: 'alminnelig',
        skattleggingsperiodeType: 'toMaaneder',
        gyldigFra: '2020-02-01',
        gyldigTil: null,
        fellesregistrering: null,
        engangsregistrering: false,
        kontonummer: '15032712344',
      });
    });

    it('shows a sole proprietorship outside the register with every detail null', async () => {
      expect((await get(`${REGISTER}/${ORGNR.soleProprietorship}`)).json()).toMatchObject({
        registrert: false,
        meldingskategori: null,
        skattleggingsperiodeType: null,
        kontonummer: null,
      });
    });

    it('agrees with Brreg, except for the deliberate cross-agency conflict', async () => {
      for (const { enhet } of govsim.world.all()) {
        const entry = (await get(`${REGISTER}/${enhet.organisasjonsnummer}`)).json();
        const brreg = enhet.registrertIMvaregisteret;
        if (enhet.organisasjonsnummer === ORGNR.mvaConflict) {
          expect({ brreg, skatteetaten: entry.registrert }).toEqual({ brreg: true, skatteetaten: false });
          expect(entry.gyldigTil).toBe('2026-03-31');
        } else {
          expect(entry.registrert).toBe(brreg);
        }
      }
    });

    it('answers 404 for numbers it does not know, sub-units included, and 400 for malformed ones', async () => {
      for (const orgnr of ['315678404', SUB.sandboxOslo]) {
        const response = await get(`${REGISTER}/${orgnr}`);
        expect(response.statusCode).toBe(404);
        expect(response.json()).toMatchObject({ kode: 'ENHET_IKKE_FUNNET' });
        expect(typeof response.json().korrelasjonsid).toBe('string');
      }
      expect((await get(`${REGISTER}/12AB`)).statusCode).toBe(400);
    });
  });

  describe('innsyn submission status', () => {
    it('lists the term without a delivered return in the shape of the official XSD', async () => {
      const response = await get(`${STATUS}/${ORGNR.sandbox}`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        skattepliktig: { organisasjonsnummer: '999999999' },
        terminUtenLevertMvaMelding: [
          {
            meldingskategori: 'alminnelig',
            skattleggingsperiode: { periode: 'mai-juni', aar: 2026 },
            skattleggingsperiodeType: 'toMaaned',
            leveringsfrist: '2026-08-31',
          },
        ],
        harTidligereSendtMvaMelding: true,
      });
    });

    it('is the same on every call: derived from the world, not the clock', async () => {
      const first = (await get(`${STATUS}/${ORGNR.bankrupt}`)).body;
      expect((await get(`${STATUS}/${ORGNR.bankrupt}`)).body).toBe(first);
      expect(
        JSON.parse(first).terminUtenLevertMvaMelding.map((t: { leveringsfrist: string }) => t.leveringsfrist),
      ).toEqual(['2026-04-10', '2026-06-10', '2026-08-31']);
    });

    it('shows nothing outstanding for a company outside the register', async () => {
      expect((await get(`${STATUS}/${ORGNR.soleProprietorship}`)).json()).toMatchObject({
        terminUtenLevertMvaMelding: [],
        harTidligereSendtMvaMelding: false,
      });
    });

    it('answers 404 for unknown numbers', async () => {
      expect((await get(`${STATUS}/315678404`)).statusCode).toBe(404);
    });

    it('answers XML when asked for it, in the namespace of the official XSD', async () => {
      const response = await govsim.inject({
        method: 'GET',
        url: `${STATUS}/${ORGNR.sandbox}`,
        headers: { accept: 'application/xml' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/xml/);
      expect(response.body).toContain(
        '<mvaMeldingInnsendingStatus xmlns="no:skatteetaten:fastsetting:avgift:mva:mvaMeldingInnsendingStatus:v1">',
      );
      expect(response.body).toMatch(
        /<terminUtenLevertMvaMelding>\s*<meldingskategori>alminnelig<\/meldingskategori>\s*<skattleggingsperiode>\s*<periode>mai-juni<\/periode>\s*<aar>2026<\/aar>/,
      );
      expect(response.body).toContain('<harTidligereSendtMvaMelding>true</harTidligereSendtMvaMelding>');
    });

    it('refuses a format it cannot produce with 406', async () => {
      const response = await govsim.inject({
        method: 'GET',
        url: `${STATUS}/${ORGNR.sandbox}`,
        headers: { accept: 'text/html' },
      });
      expect(response.statusCode).toBe(406);
      expect(response.json()).toMatchObject({ kode: 'IKKE_STOTTET_FORMAT' });
    });
  });

  describe('innsyn submitted returns', () => {
    type Melding = { sekvensnummer: number; skattleggingsperiode: { periode: string; aar: number } };
    const page = async (orgnr: string, sekvensnummer?: number) => {
      const response = await get(
        `${MELDINGER}/${orgnr}${sekvensnummer ? `?sekvensnummer=${sekvensnummer}` : ''}`,
      );
      expect(response.statusCode).toBe(200);
      return response.json().innsendtMelding as Melding[];
    };

    it('lists the ten newest returns of the sandbox, newest first, without the missing term', async () => {
      const first = await page(ORGNR.sandbox);
      expect(first).toHaveLength(10);
      expect(first[0]).toEqual({
        sekvensnummer: expect.any(Number),
        meldingskategori: 'alminnelig',
        skattleggingsperiode: { periode: 'mars-april', aar: 2026 },
        skattleggingsperiodeType: 'toMaaned',
        innsendingstidspunkt: expect.stringMatching(/^2026-0[56]-\d\dT/),
        status: 'fastsatt',
        fastsattMerverdiavgift: expect.any(Number),
      });
      // handed in before the term's deadline of 10 June
      expect(
        Date.parse((first[0] as unknown as { innsendingstidspunkt: string }).innsendingstidspunkt),
      ).toBeLessThan(Date.parse('2026-06-10'));
      const numbers = first.map((m) => m.sekvensnummer);
      expect([...numbers].sort((a, b) => b - a)).toEqual(numbers);
      expect(first.map((m) => m.skattleggingsperiode)).not.toContainEqual({ periode: 'mai-juni', aar: 2026 });
    });

    it('continues after the last sekvensnummer seen, so pages never overlap', async () => {
      const first = await page(ORGNR.sandbox);
      const second = await page(ORGNR.sandbox, first[first.length - 1]!.sekvensnummer);
      expect(second.map((m) => m.skattleggingsperiode)).toEqual([{ periode: 'juli-august', aar: 2024 }]);
      expect(await page(ORGNR.sandbox, second[0]!.sekvensnummer)).toEqual([]);
    });

    it('shows a return recorded later first, and its term no longer as missing', async () => {
      const govsimOfItsOwn = await startGovsim();
      try {
        const recorded = govsimOfItsOwn.world.recordSubmittedMvaReturn(ORGNR.sandbox, {
          meldingskategori: 'alminnelig',
          periode: 'mai-juni',
          aar: 2026,
          skattleggingsperiodeType: 'toMaaneder',
          innsendt: '2026-07-15T10:00:00.000Z',
        });
        const answer = await govsimOfItsOwn.inject({ method: 'GET', url: `${MELDINGER}/${ORGNR.sandbox}` });
        expect(answer.json().innsendtMelding[0]).toMatchObject({
          sekvensnummer: recorded.sekvensnummer,
          skattleggingsperiode: { periode: 'mai-juni', aar: 2026 },
          status: 'mottatt',
        });
        expect(answer.json().innsendtMelding[0]).not.toHaveProperty('fastsattMerverdiavgift');
        const status = await govsimOfItsOwn.inject({ method: 'GET', url: `${STATUS}/${ORGNR.sandbox}` });
        expect(status.json().terminUtenLevertMvaMelding).toEqual([]);
      } finally {
        await govsimOfItsOwn.app.close();
      }
    });

    it('has none for a company outside the register, and refuses bad input', async () => {
      expect(await page(ORGNR.soleProprietorship)).toEqual([]);
      expect((await get(`${MELDINGER}/315678404`)).statusCode).toBe(404);
      const bad = await get(`${MELDINGER}/${ORGNR.sandbox}?sekvensnummer=abc`);
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ kode: 'UGYLDIG_SEKVENSNUMMER' });
    });

    it('answers XML with one innsendtMelding element per return', async () => {
      const response = await govsim.inject({
        method: 'GET',
        url: `${MELDINGER}/${ORGNR.sandbox}`,
        headers: { accept: 'text/xml, application/json' },
      });
      expect(response.headers['content-type']).toMatch(/^application\/xml/);
      expect(response.body.match(/<innsendtMelding>/g)).toHaveLength(10);
      expect(response.body).toContain('<organisasjonsnummer>999999999</organisasjonsnummer>');
    });
  });
});
