import { FIXTURE_ORGNRS as ORGNR } from '../fixtures/fixture-orgnrs';
import { type RunningGovsim, startGovsim } from '../testing/govsim-test-app';

describe('govsim control API', () => {
  let govsim: RunningGovsim;
  beforeEach(async () => {
    govsim = await startGovsim({ syntheticCompanies: 30 });
  });
  afterEach(async () => {
    await govsim.app.close();
  });
  const get = (url: string) => govsim.inject({ method: 'GET', url });
  const changeState = (orgnr: string, payload: unknown) =>
    govsim.inject({
      method: 'POST',
      url: `/govsim/control/companies/${orgnr}/state`,
      payload: payload as object,
    });

  it('lists companies, fixtures first, with a limit', async () => {
    const response = await get('/govsim/control/companies?limit=3');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.total).toBe(14 + 30);
    expect(body.companies).toHaveLength(3);
    expect(body.companies[0]).toMatchObject({
      organisasjonsnummer: ORGNR.sandbox,
      fixture: 'sandbox',
      registerStatus: 'aktiv',
    });
    const generated = (await get('/govsim/control/companies?offset=14&limit=1000')).json().companies;
    expect(generated).toHaveLength(30);
  });

  it('shows the full record of a company, including what the open APIs do not publish', async () => {
    const body = (await get(`/govsim/control/companies/${ORGNR.sandbox}`)).json();
    expect(body.signaturRegel).toBe('Styrets leder og ett styremedlem i fellesskap.');
    expect(body.arbeidsforhold).toHaveLength(3);
  });

  it('publishes the fixture numbers', async () => {
    expect((await get('/govsim/control/fixtures')).json().enheter).toMatchObject({
      sandbox: '999999999',
      removed: '315678706',
    });
  });

  it('declares a company bankrupt, and Brreg shows it', async () => {
    const response = await changeState(ORGNR.reference, { konkurs: true, konkursdato: '2026-07-01' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ konkurs: true });
    const enhet = (await get(`/enhetsregisteret/api/enheter/${ORGNR.reference}`)).json();
    expect(enhet).toMatchObject({ konkurs: true, konkursdato: '2026-07-01' });
  });

  it('deletes a company: Brreg answers SlettetEnhet and Skatteetaten ends the registration', async () => {
    await changeState(ORGNR.sandbox, { slettet: true, slettedato: '2026-07-10' });
    const enhet = (await get(`/enhetsregisteret/api/enheter/${ORGNR.sandbox}`)).json();
    expect(enhet).toMatchObject({ respons_klasse: 'SlettetEnhet', slettedato: '2026-07-10' });
    const mva = (await get(`/skatteetaten/api/mva/mvaregister/v1/enhet/${ORGNR.sandbox}`)).json();
    expect(mva).toMatchObject({ registrert: false, gyldigTil: '2026-07-10' });
  });

  it('removes a company from open data: Brreg answers 410, and roles of its clients show it as deleted', async () => {
    await changeState(ORGNR.auditor, { fjernet: true });
    expect((await get(`/enhetsregisteret/api/enheter/${ORGNR.auditor}`)).statusCode).toBe(410);
    const roller = (await get(`/enhetsregisteret/api/enheter/${ORGNR.reference}/roller`)).json();
    const revisor = roller.rollegrupper.find((g: { type: { kode: string } }) => g.type.kode === 'REVI')
      .roller[0];
    expect(revisor.enhet.erSlettet).toBe(true);
  });

  it('refuses unknown fields, contradictions and bad dates with a problem document', async () => {
    for (const payload of [
      { konkur: true },
      { slettet: true, fjernet: true },
      { konkurs: true, konkursdato: '1. juli' },
    ]) {
      const response = await changeState(ORGNR.sandbox, payload);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ status: 400, title: 'Bad Request' });
    }
  });

  it('answers 404 for a company that is not in the world', async () => {
    expect((await changeState('315678404', { konkurs: true })).statusCode).toBe(404);
    expect((await get('/govsim/control/companies/315678404')).statusCode).toBe(404);
  });
});
