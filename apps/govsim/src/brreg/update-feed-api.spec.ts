import { FIXTURE_ORGNRS as ORGNR, FIXTURE_UNDERENHET_ORGNRS as SUB } from '../fixtures/fixture-orgnrs';
import { UPDATE_FEED_EPOCH } from '../fixtures/govsim-world';
import { type RunningGovsim, startGovsim, TEST_BASE_URL } from '../testing/govsim-test-app';

const FEED = '/enhetsregisteret/api/oppdateringer/enheter';

interface FeedItem {
  oppdateringsid: number;
  dato: string;
  organisasjonsnummer: string;
  endringstype: string;
  _links?: { enhet?: { href: string }; underenhet?: { href: string } };
  endringer?: { op: string; path: string; value?: unknown }[];
}

describe('Enhetsregisteret update feed', () => {
  let govsim: RunningGovsim;
  beforeEach(async () => {
    govsim = await startGovsim({ syntheticCompanies: 30 });
  });
  afterEach(async () => {
    await govsim.app.close();
  });
  const get = (url: string) => govsim.inject({ method: 'GET', url });
  const items = async (url: string): Promise<FeedItem[]> =>
    ((await get(url)).json()._embedded?.oppdaterteEnheter ?? []) as FeedItem[];
  const control = (orgnr: string, what: 'state' | 'changes', payload: object) =>
    govsim.inject({ method: 'POST', url: `/govsim/control/companies/${orgnr}/${what}`, payload });

  it('starts with one Ny per company, then the deletions the fixtures begin with', async () => {
    const response = await get(`${FEED}?size=10000`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.page).toEqual({ size: 10000, totalElements: 14 + 30 + 2, totalPages: 1, number: 0 });
    const all = body._embedded.oppdaterteEnheter as FeedItem[];
    expect(all[0]).toEqual({
      oppdateringsid: 31000101,
      dato: UPDATE_FEED_EPOCH,
      organisasjonsnummer: ORGNR.sandbox,
      endringstype: 'Ny',
      _links: { enhet: { href: `${TEST_BASE_URL}/enhetsregisteret/api/enheter/${ORGNR.sandbox}` } },
    });
    expect(all.filter((u) => u.endringstype === 'Ny')).toHaveLength(44);
    expect(all.slice(-2).map((u) => [u.organisasjonsnummer, u.endringstype])).toEqual([
      [ORGNR.deleted, 'Sletting'],
      [ORGNR.removed, 'Fjernet'],
    ]);
    expect(all[all.length - 1]).not.toHaveProperty('_links');
  });

  it('has strictly increasing ids with gaps and increasing timestamps', async () => {
    const all = await items(`${FEED}?size=10000`);
    const steps = all.slice(1).map((u, i) => u.oppdateringsid - all[i]!.oppdateringsid);
    expect(steps.every((step) => step >= 1)).toBe(true);
    expect(steps.some((step) => step > 1)).toBe(true);
    expect(all.slice(1).every((u, i) => u.dato > all[i]!.dato)).toBe(true);
    expect(all.every((u) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(u.dato))).toBe(true);
  });

  it('treats oppdateringsid as inclusive, so resuming with last + 1 delivers nothing twice', async () => {
    const all = await items(`${FEED}?size=10000`);
    const first = await items(`${FEED}?oppdateringsid=${all[9]!.oppdateringsid}&size=5`);
    expect(first.map((u) => u.oppdateringsid)).toEqual(all.slice(9, 14).map((u) => u.oppdateringsid));
    const resumed = await items(`${FEED}?oppdateringsid=${first[4]!.oppdateringsid + 1}&size=5`);
    expect(resumed.map((u) => u.oppdateringsid)).toEqual(all.slice(14, 19).map((u) => u.oppdateringsid));
    // An id that falls in a gap starts at the next existing one.
    const gap = all.findIndex((u, i) => i > 0 && u.oppdateringsid - all[i - 1]!.oppdateringsid > 1);
    const inGap = await items(`${FEED}?oppdateringsid=${all[gap]!.oppdateringsid - 1}&size=1`);
    expect(inGap[0]!.oppdateringsid).toBe(all[gap]!.oppdateringsid);
  });

  it('treats dato as inclusive', async () => {
    const all = await items(`${FEED}?size=10000`);
    const fromDato = await items(`${FEED}?dato=${all[20]!.dato}&size=10000`);
    expect(fromDato[0]).toEqual(all[20]);
    expect(fromDato).toHaveLength(all.length - 20);
    const oneMsLater = new Date(Date.parse(all[20]!.dato) + 1).toISOString();
    expect((await items(`${FEED}?dato=${oneMsLater}&size=1`))[0]).toEqual(all[21]);
  });

  it('answers an empty page without _embedded', async () => {
    const response = await get(`${FEED}?oppdateringsid=99999999`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).not.toHaveProperty('_embedded');
    expect(body.page).toMatchObject({ totalElements: 0, totalPages: 0 });
  });

  it('filters by a comma list of organisation numbers', async () => {
    const found = await items(`${FEED}?organisasjonsnummer=${ORGNR.reference},${ORGNR.deleted}`);
    expect(found.map((u) => [u.organisasjonsnummer, u.endringstype])).toEqual([
      [ORGNR.reference, 'Ny'],
      [ORGNR.deleted, 'Ny'],
      [ORGNR.deleted, 'Sletting'],
    ]);
  });

  it('pages with HAL links that keep the query', async () => {
    const body = (await get(`${FEED}?oppdateringsid=1&size=4`)).json();
    expect(body.page).toEqual({ size: 4, totalElements: 46, totalPages: 12, number: 0 });
    expect(body._embedded.oppdaterteEnheter).toHaveLength(4);
    expect(body._links.next.href).toBe(`${TEST_BASE_URL}${FEED}?oppdateringsid=1&size=4&page=1`);
    expect(body._links.last.href).toBe(`${TEST_BASE_URL}${FEED}?oppdateringsid=1&size=4&page=11`);
    const lastPage = (await get(`${FEED}?oppdateringsid=1&size=4&page=11`)).json();
    expect(lastPage._embedded.oppdaterteEnheter).toHaveLength(2);
    expect(lastPage._links).not.toHaveProperty('next');
    const descending = await items(`${FEED}?size=1&sort=oppdateringsid,DESC`);
    expect(descending[0]!.organisasjonsnummer).toBe(ORGNR.removed);
  });

  it('refuses size above 10 000 and malformed parameters with 400', async () => {
    for (const query of [
      'size=10001',
      'oppdateringsid=0',
      'dato=2025-06-02',
      'organisasjonsnummer=12345',
      'includeChanges=yes',
      'sort=navn',
    ]) {
      const response = await get(`${FEED}?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ status: 400, error: 'Bad Request', path: FEED });
    }
    expect((await get(`${FEED}?size=10000`)).statusCode).toBe(200);
  });

  it('records control-API changes as Endring with JSON-Patch endringer under includeChanges', async () => {
    const response = await control(ORGNR.reference, 'changes', {
      patch: { antallAnsatte: 31, navn: 'FJORDLYS NYTT NAVN AS' },
    });
    expect(response.statusCode).toBe(200);
    const update = response.json().oppdatering;
    expect(update).toMatchObject({ organisasjonsnummer: ORGNR.reference, endringstype: 'Endring' });
    const plain = await items(`${FEED}?oppdateringsid=${update.oppdateringsid}`);
    expect(plain).toHaveLength(1);
    expect(plain[0]).not.toHaveProperty('endringer');
    const withChanges = await items(`${FEED}?oppdateringsid=${update.oppdateringsid}&includeChanges=true`);
    expect(withChanges[0]!.endringer).toEqual(
      expect.arrayContaining([
        { op: 'replace', path: '/navn', value: 'FJORDLYS NYTT NAVN AS' },
        { op: 'replace', path: '/antallAnsatte', value: 31 },
      ]),
    );
    expect(withChanges[0]!.endringer).toHaveLength(2);
    const enhet = (await get(`/enhetsregisteret/api/enheter/${ORGNR.reference}`)).json();
    expect(enhet).toMatchObject({ navn: 'FJORDLYS NYTT NAVN AS', antallAnsatte: 31 });
    // Several entries for the same unit appear in id order.
    const history = await items(`${FEED}?organisasjonsnummer=${ORGNR.reference}`);
    expect(history.map((u) => u.endringstype)).toEqual(['Ny', 'Endring']);
  });

  it('refuses unknown or empty patches, and records nothing for a patch that changes nothing', async () => {
    for (const payload of [{ patch: { organisasjonsform: 'ENK' } }, { patch: {} }, {}]) {
      expect((await control(ORGNR.reference, 'changes', payload)).statusCode).toBe(400);
    }
    expect((await control('315678404', 'changes', { patch: { antallAnsatte: 1 } })).statusCode).toBe(404);
    const navn = govsim.world.company(ORGNR.reference)!.enhet.navn;
    const response = await control(ORGNR.reference, 'changes', { patch: { navn } });
    expect(response.json().oppdatering).toBeNull();
    expect(await items(`${FEED}?organisasjonsnummer=${ORGNR.reference}`)).toHaveLength(1);
  });

  it('records konkurs and avvikling as Endring, deletion as Sletting and removal as Fjernet', async () => {
    const before = await items(`${FEED}?size=10000`);
    const next = before[before.length - 1]!.oppdateringsid + 1;
    await control(ORGNR.reference, 'state', { konkurs: true, konkursdato: '2026-07-01' });
    await control(ORGNR.accountant, 'state', { underAvvikling: true });
    await control(ORGNR.sandbox, 'state', { slettet: true, slettedato: '2026-07-10' });
    await control(ORGNR.auditor, 'state', { fjernet: true });
    await control(ORGNR.auditor, 'state', { fjernet: true });
    const after = await items(`${FEED}?oppdateringsid=${next}&includeChanges=true`);
    expect(after.map((u) => [u.organisasjonsnummer, u.endringstype])).toEqual([
      [ORGNR.reference, 'Endring'],
      [ORGNR.accountant, 'Endring'],
      [ORGNR.sandbox, 'Sletting'],
      [ORGNR.auditor, 'Fjernet'],
    ]);
    expect(after[0]!.endringer).toEqual([
      { op: 'replace', path: '/konkurs', value: true },
      { op: 'add', path: '/konkursdato', value: '2026-07-01' },
    ]);
    expect(after[2]!._links!.enhet!.href).toBe(
      `${TEST_BASE_URL}/enhetsregisteret/api/enheter/${ORGNR.sandbox}`,
    );
    expect(after[3]).not.toHaveProperty('_links');
    expect(after.every((u) => u.dato >= '2026-07-15T06:00:00.000Z')).toBe(true);
  });

  it('keeps a sub-unit feed that follows its main unit', async () => {
    const SUBFEED = '/enhetsregisteret/api/oppdateringer/underenheter';
    const initial = (await get(`${SUBFEED}?organisasjonsnummer=${SUB.sandboxBergen}`)).json();
    expect(initial._embedded.oppdaterteUnderenheter).toEqual([
      expect.objectContaining({
        organisasjonsnummer: SUB.sandboxBergen,
        endringstype: 'Ny',
        _links: {
          underenhet: { href: `${TEST_BASE_URL}/enhetsregisteret/api/underenheter/${SUB.sandboxBergen}` },
        },
      }),
    ]);
    await control(ORGNR.sandbox, 'state', { slettet: true });
    const after = (await get(`${SUBFEED}?organisasjonsnummer=${SUB.sandboxBergen}`)).json();
    expect(after._embedded.oppdaterteUnderenheter.map((u: FeedItem) => u.endringstype)).toEqual([
      'Ny',
      'Sletting',
    ]);
    expect((await get(`${SUBFEED}?size=10001`)).statusCode).toBe(400);
  });
});
