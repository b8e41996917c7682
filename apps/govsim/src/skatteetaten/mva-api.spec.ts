import { FIXTURE_ORGNRS as ORGNR, FIXTURE_UNDERENHET_ORGNRS as SUB } from '../fixtures/fixture-orgnrs';
import { type RunningGovsim, startGovsim } from '../testing/govsim-test-app';

const REGISTER = '/skatteetaten/api/mva/mvaregister/v1/enhet';
const STATUS = '/skatteetaten/api/mva/grensesnittstoette/innsyn/melding/innsending/status/v1';

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
  });
});
