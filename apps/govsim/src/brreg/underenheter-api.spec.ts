import { FIXTURE_ORGNRS as ORGNR, FIXTURE_UNDERENHET_ORGNRS as SUB } from '../fixtures/fixture-orgnrs';
import { type RunningGovsim, startGovsim, TEST_BASE_URL } from '../testing/govsim-test-app';

const API = '/enhetsregisteret/api';

describe('Enhetsregisteret underenheter', () => {
  let govsim: RunningGovsim;
  beforeAll(async () => {
    govsim = await startGovsim();
  });
  afterAll(async () => {
    await govsim.app.close();
  });
  const get = (url: string) => govsim.inject({ method: 'GET', url });

  it('answers a sub-unit with its beliggenhetsadresse and a link to its main unit', async () => {
    const response = await get(`${API}/underenheter/${SUB.sandboxBergen}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      organisasjonsform: { kode: 'BEDR' },
      overordnetEnhet: ORGNR.sandbox,
      antallAnsatte: 4,
      oppstartsdato: '2020-01-01',
      beliggenhetsadresse: { poststed: 'BERGEN', kommunenummer: '4601' },
      respons_klasse: 'Underenhet',
      _links: { overordnetEnhet: { href: `${TEST_BASE_URL}${API}/enheter/999999999` } },
    });
  });

  it('answers unknown and malformed sub-unit numbers like main units', async () => {
    expect((await get(`${API}/underenheter/${ORGNR.sandbox}`)).body).toBe('');
    expect((await get(`${API}/underenheter/${ORGNR.sandbox}`)).statusCode).toBe(404);
    expect((await get(`${API}/underenheter/1`)).statusCode).toBe(400);
  });

  it('lists the sub-units of a main unit, and leaves _embedded out when it has none', async () => {
    const body = (await get(`${API}/underenheter?overordnetEnhet=${ORGNR.sandbox}`)).json();
    expect(
      body._embedded.underenheter.map((u: { organisasjonsnummer: string }) => u.organisasjonsnummer),
    ).toEqual([SUB.sandboxOslo, SUB.sandboxBergen, SUB.sandboxTromso]);
    expect(body.page.totalElements).toBe(3);
    const none = (await get(`${API}/underenheter?overordnetEnhet=${ORGNR.undefinedForm}`)).json();
    expect(none).not.toHaveProperty('_embedded');
    expect(none.page.totalElements).toBe(0);
  });

  it('shares the fate of a main unit that is deleted or removed', async () => {
    govsim.world.deleteCompany(ORGNR.employmentConflict, '2026-07-01');
    const deleted = await get(`${API}/underenheter/${SUB.employmentConflictBodo}`);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json()).toMatchObject({ respons_klasse: 'SlettetUnderenhet', slettedato: '2026-07-01' });
    govsim.world.removeCompany(ORGNR.mvaConflict, '2026-07-02');
    expect((await get(`${API}/underenheter/${SUB.mvaConflictOffice}`)).statusCode).toBe(410);
    const list = (await get(`${API}/underenheter?overordnetEnhet=${ORGNR.employmentConflict}`)).json();
    expect(list).not.toHaveProperty('_embedded');
  });
});
