import { FIXTURE_ORGNRS as ORGNR, FIXTURE_UNDERENHET_ORGNRS as SUB } from '../fixtures/fixture-orgnrs';
import { type RunningGovsim, startGovsim, TEST_BASE_URL } from '../testing/govsim-test-app';

const API = '/enhetsregisteret/api';

describe('Enhetsregisteret API', () => {
  let govsim: RunningGovsim;
  beforeAll(async () => {
    govsim = await startGovsim();
  });
  afterAll(async () => {
    await govsim.app.close();
  });
  const get = (url: string, headers: Record<string, string> = {}) =>
    govsim.inject({ method: 'GET', url, headers });

  describe('GET /enheter/{orgnr}', () => {
    it('answers an active company with a full Enhet body and links back to govsim', async () => {
      const response = await get(`${API}/enheter/${ORGNR.sandbox}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      const body = response.json();
      expect(body).toMatchObject({
        organisasjonsnummer: '999999999',
        navn: 'APIER SANDBOX AS',
        organisasjonsform: { kode: 'AS', beskrivelse: 'Aksjeselskap' },
        registrertIMvaregisteret: true,
        harRegistrertAntallAnsatte: true,
        antallAnsatte: 14,
        konkurs: false,
        respons_klasse: 'Enhet',
        _links: { self: { href: `${TEST_BASE_URL}/enhetsregisteret/api/enheter/999999999` } },
      });
      expect(body.forretningsadresse).toEqual({
        land: 'Norge',
        landkode: 'NO',
        postnummer: '0191',
        poststed: 'OSLO',
        adresse: ['Dronning Eufemias gate 16'],
        kommune: 'OSLO',
        kommunenummer: '0301',
      });
    });

    it('answers a deleted company with 200 and the reduced SlettetEnhet body', async () => {
      const response = await get(`${API}/enheter/${ORGNR.deleted}`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ respons_klasse: 'SlettetEnhet', slettedato: '2025-06-01' });
      expect(response.json()).not.toHaveProperty('registrertIMvaregisteret');
    });

    it('answers a removed company with 410 and only orgnr and slettedato', async () => {
      const response = await get(`${API}/enheter/${ORGNR.removed}`);
      expect(response.statusCode).toBe(410);
      expect(response.json()).toEqual({ organisasjonsnummer: '315678706', slettedato: '2025-06-02' });
    });

    it('answers an unknown number with 404 and an empty body, even when MOD11 fails', async () => {
      for (const orgnr of ['315678404', '123456789']) {
        const response = await get(`${API}/enheter/${orgnr}`);
        expect(response.statusCode).toBe(404);
        expect(response.body).toBe('');
      }
    });

    it('does not serve a sub-unit as a main unit', async () => {
      expect((await get(`${API}/enheter/${SUB.sandboxOslo}`)).statusCode).toBe(404);
    });

    it('answers a malformed number with 400 and a Spring-style error body', async () => {
      const response = await get(`${API}/enheter/12345`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        status: 400,
        error: 'Bad Request',
        path: `${API}/enheter/12345`,
      });
      expect(response.json().message).toContain('12345');
      expect(typeof response.json().timestamp).toBe('string');
    });

    it('shows bankruptcy, liquidation and foreign addresses as Brreg does', async () => {
      expect((await get(`${API}/enheter/${ORGNR.bankrupt}`)).json()).toMatchObject({
        konkurs: true,
        konkursdato: '2026-02-10',
      });
      expect((await get(`${API}/enheter/${ORGNR.underLiquidation}`)).json()).toMatchObject({
        underAvvikling: true,
        underAvviklingDato: '2026-05-04',
      });
      const nuf = (await get(`${API}/enheter/${ORGNR.foreignBranch}`)).json();
      expect(nuf.forretningsadresse).toEqual({
        land: 'Sverige',
        landkode: 'SE',
        poststed: '111 51 STOCKHOLM',
        adresse: ['Drottninggatan 1'],
      });
      const fresh = (await get(`${API}/enheter/${ORGNR.noEmployeesReported}`)).json();
      expect(fresh.harRegistrertAntallAnsatte).toBe(false);
      expect(fresh).not.toHaveProperty('antallAnsatte');
      expect((await get(`${API}/enheter/${ORGNR.undefinedForm}`)).json().organisasjonsform.kode).toBe('UDEF');
    });

    it('accepts plain JSON and the vendor media types, and refuses anything else with 406', async () => {
      for (const accept of [
        'application/json',
        'application/vnd.brreg.enhetsregisteret.enhet.v2+json',
        '*/*',
      ]) {
        expect((await get(`${API}/enheter/${ORGNR.sandbox}`, { accept })).statusCode).toBe(200);
      }
      const refused = await get(`${API}/enheter/${ORGNR.sandbox}`, { accept: 'application/xml' });
      expect(refused.statusCode).toBe(406);
      expect(refused.json()).toMatchObject({ status: 406, error: 'Not Acceptable' });
    });
  });

  describe('GET /enheter?organisasjonsnummer=…', () => {
    it('lists the active companies asked for under _embedded.enheter', async () => {
      const url = `${API}/enheter?organisasjonsnummer=${ORGNR.reference},${ORGNR.sandbox},${ORGNR.deleted},315678404`;
      const body = (await get(url)).json();
      expect(
        body._embedded.enheter.map((e: { organisasjonsnummer: string }) => e.organisasjonsnummer),
      ).toEqual(['315678420', '999999999']);
      expect(body.page).toEqual({ size: 20, totalElements: 2, totalPages: 1, number: 0 });
      expect(body._links.self.href).toBe(`${TEST_BASE_URL}${url}`);
    });

    it('leaves _embedded out entirely when nothing matches', async () => {
      const response = await get(`${API}/enheter?organisasjonsnummer=315678404`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).not.toHaveProperty('_embedded');
      expect(response.json().page).toEqual({ size: 20, totalElements: 0, totalPages: 0, number: 0 });
    });

    it('pages with page and size and links to the neighbouring pages', async () => {
      const body = (await get(`${API}/enheter?organisasjonsform=AS&page=1&size=5`)).json();
      expect(body._embedded.enheter).toHaveLength(5);
      expect(body.page).toMatchObject({ size: 5, number: 1 });
      expect(body.page.totalElements).toBeGreaterThan(10);
      expect(body._links.prev.href).toBe(`${TEST_BASE_URL}${API}/enheter?organisasjonsform=AS&page=0&size=5`);
      expect(body._links.next.href).toBe(`${TEST_BASE_URL}${API}/enheter?organisasjonsform=AS&page=2&size=5`);
    });

    it('filters on konkurs and VAT registration', async () => {
      const bankrupt = (await get(`${API}/enheter?konkurs=true&size=100`)).json();
      expect(bankrupt._embedded.enheter.every((e: { konkurs: boolean }) => e.konkurs)).toBe(true);
      expect(
        bankrupt._embedded.enheter.map((e: { organisasjonsnummer: string }) => e.organisasjonsnummer),
      ).toContain(ORGNR.bankrupt);
    });

    it('refuses malformed numbers, bad paging and searches deeper than 10 000 with 400', async () => {
      for (const query of [
        'organisasjonsnummer=12',
        'page=-1',
        'size=abc',
        'page=20&size=1000',
        'konkurs=kanskje',
      ]) {
        expect((await get(`${API}/enheter?${query}`)).statusCode).toBe(400);
      }
    });
  });

  describe('GET /enheter/{orgnr}/roller', () => {
    it('groups person and organisation holders with Brreg’s fields', async () => {
      const body = (await get(`${API}/enheter/${ORGNR.sandbox}/roller`)).json();
      expect(body._links.enhet.href).toBe(`${TEST_BASE_URL}${API}/enheter/999999999`);
      const group = (kode: string) =>
        body.rollegrupper.find((g: { type: { kode: string } }) => g.type.kode === kode);
      expect(group('DAGL').roller[0]).toMatchObject({
        type: { kode: 'DAGL' },
        person: {
          navn: { fornavn: 'Ingrid', etternavn: 'Sandvik' },
          fodselsdato: '1979-05-17',
          erDoed: false,
        },
        fratraadt: false,
        avregistrert: false,
        rekkefolge: 0,
      });
      const board = group('STYR').roller;
      expect(board.map((r: { type: { kode: string } }) => r.type.kode)).toEqual([
        'LEDE',
        'MEDL',
        'MEDL',
        'VARA',
      ]);
      expect(board[2].valgtAv).toMatchObject({ kode: 'AREP', beskrivelse: 'Representant for de ansatte' });
      expect(group('REVI').roller[0].enhet).toMatchObject({
        organisasjonsnummer: ORGNR.auditor,
        organisasjonsform: { kode: 'AS' },
        navn: ['REVISJON TESTDATA AS'],
        erSlettet: false,
      });
      expect(group('REGN').roller[0].enhet.navn).toEqual(['REGNSKAP TESTDATA AS']);
      expect(group('SIGN').roller).toHaveLength(2);
      expect(group('PROK').roller[0].person.navn.etternavn).toBe('Eide');
    });

    it('marks resigned and deceased holders', async () => {
      const bankrupt = (await get(`${API}/enheter/${ORGNR.bankrupt}/roller`)).json();
      expect(bankrupt.rollegrupper[0].roller[0]).toMatchObject({ fratraadt: true, avregistrert: true });
      const liquidation = (await get(`${API}/enheter/${ORGNR.underLiquidation}/roller`)).json();
      expect(liquidation.rollegrupper[1].roller[1].person.erDoed).toBe(true);
    });

    it('answers 404 without a body for unknown companies, 410 for removed, 400 for malformed', async () => {
      const unknown = await get(`${API}/enheter/315678404/roller`);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.body).toBe('');
      expect((await get(`${API}/enheter/${ORGNR.removed}/roller`)).statusCode).toBe(410);
      expect((await get(`${API}/enheter/abc/roller`)).statusCode).toBe(400);
    });
  });

  it('reports its health', async () => {
    const response = await get('/govsim/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });
});
