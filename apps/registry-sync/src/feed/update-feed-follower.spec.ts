import { createLogger } from '@apier/platform';
import { UNDERENHETER, BRREG_DATASETS } from '../upstream/datasets';
import type { FakeAnswer } from '../testing/fake-registry';
import { RegistryTestWorld } from '../testing/registry-test-world';
import { BrregFeedClient } from './brreg-feed-client';
import { FeedCursorRepository } from './feed-cursor.repository';
import { UpdateFeedFollower, type UpdateFeedFollowerOptions } from './update-feed-follower';

interface Entry {
  oppdateringsid: number;
  dato: string;
  organisasjonsnummer: string;
  endringstype: string;
}

const A = '315678420';
const B = '315678439';
const C = '315678463';
const SUB_OF_A = '315678447';
const NEW_SUB_OF_A = '315678455';

describe('the update-feed follower (real Postgres, fake Brreg over HTTP)', () => {
  let world: RegistryTestWorld;
  let cursors: FeedCursorRepository;
  const feeds: Record<'enheter' | 'underenheter', Entry[]> = { enheter: [], underenheter: [] };
  const names: Record<string, string> = {};

  const feedAnswer =
    (kind: 'enheter' | 'underenheter') =>
    (url: URL): FakeAnswer => {
      let list = [...feeds[kind]].sort((a, b) => a.oppdateringsid - b.oppdateringsid);
      const from = url.searchParams.get('oppdateringsid');
      const dato = url.searchParams.get('dato');
      if (from) list = list.filter((e) => e.oppdateringsid >= Number(from));
      if (dato) list = list.filter((e) => e.dato >= dato);
      if (/desc/i.test(url.searchParams.get('sort') ?? '')) list.reverse();
      list = list.slice(0, Number(url.searchParams.get('size') ?? 20));
      const embedded = kind === 'enheter' ? 'oppdaterteEnheter' : 'oppdaterteUnderenheter';
      return list.length === 0
        ? { status: 200, body: { page: { totalElements: 0 } } }
        : { status: 200, body: { _embedded: { [embedded]: list }, page: { totalElements: list.length } } };
    };
  let nextId = 1000;
  const append = (
    kind: 'enheter' | 'underenheter',
    organisasjonsnummer: string,
    endringstype = 'Endring',
  ) => {
    nextId += 3; // ids grow with gaps, as Brreg's do
    feeds[kind].push({
      oppdateringsid: nextId,
      dato: '2026-11-25T12:00:00.000Z',
      organisasjonsnummer,
      endringstype,
    });
    return nextId;
  };
  const company = (orgnr: string, body?: FakeAnswer) => {
    names[orgnr] = names[orgnr] ?? `FIRMA ${orgnr} AS`;
    world.registry.answer(
      `/enheter/${orgnr}`,
      body ?? { status: 200, body: { organisasjonsnummer: orgnr, navn: names[orgnr] } },
    );
    world.registry.answer(`/enheter/${orgnr}/roller`, { status: 200, body: { rollegrupper: [] } });
  };
  const follower = (options: Partial<UpdateFeedFollowerOptions> = {}, cursorStore = cursors) => {
    const client = new BrregFeedClient(
      world.upstreams.production.bases,
      world.upstreams.production.fetcher,
      200,
    );
    return new UpdateFeedFollower(
      { production: client, sandbox: client },
      cursorStore,
      world.snapshots,
      world.refresher,
      { pageSize: 50, maxPagesPerPoll: 5, start: 'now', environments: ['production'], ...options },
      createLogger('spec', 'silent'),
    );
  };
  const track = (orgnr: string) =>
    world.refresher.refresh({
      orgnr,
      environment: 'production',
      datasets: BRREG_DATASETS,
      context: { cause: 'on-demand', feed: null },
    });
  const calls = (orgnr: string) => world.registry.calls.filter((c) => c.url.includes(orgnr)).length;

  beforeAll(async () => {
    world = await RegistryTestWorld.start();
    cursors = new FeedCursorRepository(world.prisma, world.now);
    world.registry.answer('/oppdateringer/enheter', feedAnswer('enheter'));
    world.registry.answer('/oppdateringer/underenheter', feedAnswer('underenheter'));
    world.registry.answer('/underenheter', (url) => {
      const parent = url.searchParams.get('overordnetEnhet');
      const wanted = url.searchParams.get('organisasjonsnummer')?.split(',') ?? [];
      const all = [
        { organisasjonsnummer: SUB_OF_A, overordnetEnhet: A },
        ...(feeds.underenheter.some((e) => e.organisasjonsnummer === NEW_SUB_OF_A)
          ? [{ organisasjonsnummer: NEW_SUB_OF_A, overordnetEnhet: A }]
          : []),
      ];
      const list = all.filter((u) => u.overordnetEnhet === parent || wanted.includes(u.organisasjonsnummer));
      return { status: 200, body: { _embedded: { underenheter: list } } };
    });
    for (const orgnr of [A, B, C]) company(orgnr);
    for (let i = 0; i < 3; i++) append('enheter', B, 'Ny');
    await track(A);
    await track(C);
  });
  afterAll(() => world?.stop());

  it('starts at the feed’s head, not at the beginning of its history', async () => {
    const head = feeds.enheter[feeds.enheter.length - 1]!.oppdateringsid;
    expect(await follower().poll('enheter', 'production')).toEqual({ entries: 0, refreshed: 0 });
    expect(await cursors.get('enheter', 'production')).toEqual({ lastUpdateId: head, since: null });
  });

  it('refreshes the Brreg datasets of tracked companies the feed names, skips the rest, and records company.changed', async () => {
    names[A] = 'NYTT NAVN AS';
    company(A);
    const id = append('enheter', A, 'Endring');
    append('enheter', B, 'Endring');
    const before = { a: calls(A), b: calls(B) };
    expect(await follower().poll('enheter', 'production')).toEqual({ entries: 2, refreshed: 1 });
    expect(calls(A) - before.a).toBe(3);
    expect(calls(B)).toBe(before.b);
    const events = (await world.events()).filter((e) => e.orgnr === A);
    expect(events).toEqual([
      expect.objectContaining({
        cause: 'update-feed',
        environment: 'production',
        feed: { name: 'enheter', oppdateringsid: id, endringstype: 'Endring', organisasjonsnummer: A },
        datasets: [
          expect.objectContaining({
            source: 'brreg',
            dataset: 'enhet',
            old_http_status: 200,
            new_http_status: 200,
          }),
        ],
      }),
    ]);
    const stored = await world.snapshots.findAll(A, 'production');
    expect(stored.get('brreg/enhet')!.payload).toMatchObject({ navn: 'NYTT NAVN AS' });
    expect(events[0]!.datasets[0]!.new_content_hash).toBe(stored.get('brreg/enhet')!.contentHash);
    expect((await cursors.get('enheter', 'production'))!.lastUpdateId).toBe(id + 3);
  });

  it('keeps the cursor before a company whose refresh failed; the next poll resumes there without repeating events', async () => {
    names[A] = 'ENDA ET NAVN AS';
    company(A);
    names[C] = 'C ENDRET AS';
    const idA = append('enheter', A);
    const idC = append('enheter', C);
    world.registry.answer(`/enheter/${C}`, { status: 503, body: {} });
    await expect(follower().poll('enheter', 'production')).rejects.toMatchObject({
      code: 'upstream_unavailable',
    });
    expect((await cursors.get('enheter', 'production'))!.lastUpdateId).toBe(idC - 1);
    expect(idC - 1).toBeGreaterThanOrEqual(idA);

    company(C);
    const aCalls = calls(A);
    expect(await follower().poll('enheter', 'production')).toEqual({ entries: 1, refreshed: 1 });
    expect(calls(A)).toBe(aCalls);
    const events = await world.events();
    expect(events.filter((e) => e.feed?.oppdateringsid === idA)).toHaveLength(1);
    expect(events.filter((e) => e.feed?.oppdateringsid === idC)).toHaveLength(1);
    expect((await cursors.get('enheter', 'production'))!.lastUpdateId).toBe(idC);
  });

  it('reads a page again after a crash between storing and moving the cursor, without a second event', async () => {
    names[A] = 'KRASJ AS';
    company(A);
    const id = append('enheter', A);
    class CrashingCursors extends FeedCursorRepository {
      override async advance(): Promise<void> {
        throw new Error('process killed');
      }
    }
    await expect(
      follower({}, new CrashingCursors(world.prisma)).poll('enheter', 'production'),
    ).rejects.toThrow('process killed');
    const stored = await world.events();
    expect(stored.filter((e) => e.feed?.oppdateringsid === id)).toHaveLength(1);
    const aCalls = calls(A);
    expect(await follower().poll('enheter', 'production')).toEqual({ entries: 1, refreshed: 1 });
    expect(calls(A)).toBeGreaterThan(aCalls); // read again and refreshed again ...
    expect(await world.events()).toHaveLength(stored.length); // ... but nothing changed, so no event
    expect((await cursors.get('enheter', 'production'))!.lastUpdateId).toBe(id);
  });

  it('keeps a deleted and then removed company as deleted and removed, never dropping it', async () => {
    company(C, {
      status: 200,
      body: {
        organisasjonsnummer: C,
        navn: names[C],
        respons_klasse: 'SlettetEnhet',
        slettedato: '2026-11-25',
      },
    });
    const deleted = append('enheter', C, 'Sletting');
    await follower().poll('enheter', 'production');
    expect((await world.snapshots.findAll(C, 'production')).get('brreg/enhet')!.payload).toMatchObject({
      respons_klasse: 'SlettetEnhet',
    });
    company(C, { status: 410, body: { organisasjonsnummer: C, slettedato: '2026-11-25' } });
    world.registry.answer(`/enheter/${C}/roller`, { status: 410, body: {} });
    const removed = append('enheter', C, 'Fjernet');
    await follower().poll('enheter', 'production');
    const stored = await world.snapshots.findAll(C, 'production');
    expect([...stored.keys()].sort()).toEqual(['brreg/enhet', 'brreg/roller', 'brreg/underenheter']);
    expect(stored.get('brreg/enhet')).toMatchObject({ httpStatus: 410 });
    const events = await world.events();
    expect(events.find((e) => e.feed?.oppdateringsid === deleted)!.feed!.endringstype).toBe('Sletting');
    expect(events.find((e) => e.feed?.oppdateringsid === removed)).toMatchObject({
      feed: { endringstype: 'Fjernet' },
      datasets: expect.arrayContaining([
        expect.objectContaining({ dataset: 'enhet', old_http_status: 200, new_http_status: 410 }),
      ]),
    });
  });

  it('refreshes the main unit’s sub-unit list for entries about its sub-units, known or new', async () => {
    append('underenheter', B, 'Ny'); // the head: history before it is not read
    await follower().poll('underenheter', 'production');
    append('underenheter', SUB_OF_A, 'Endring');
    const newId = append('underenheter', NEW_SUB_OF_A, 'Ny');
    const before = world.registry.callsTo('/underenheter').length;
    expect(await follower().poll('underenheter', 'production')).toEqual({ entries: 2, refreshed: 1 });
    // one search for the unknown sub-unit, one refresh of A's list
    expect(world.registry.callsTo('/underenheter').length - before).toBe(2);
    const event = (await world.events()).find((e) => e.feed?.oppdateringsid === newId);
    expect(event).toMatchObject({
      orgnr: A,
      feed: { name: 'underenheter', endringstype: 'Ny', organisasjonsnummer: NEW_SUB_OF_A },
      datasets: [expect.objectContaining({ dataset: UNDERENHETER.dataset })],
    });
  });

  it('starts from a configured instant when told to, and then follows ids', async () => {
    await world.prisma.registryFeedCursor.deleteMany({ where: { feed: 'enheter' } });
    const since = new Date('2026-11-25T12:00:00.000Z');
    const result = await follower({ start: since }).poll('enheter', 'production');
    expect(result.entries).toBe(feeds.enheter.length);
    const dated = world.registry.callsTo('/oppdateringer/enheter').filter((c) => c.url.includes('dato='));
    expect(dated).toHaveLength(1);
    expect(await cursors.get('enheter', 'production')).toEqual({
      lastUpdateId: feeds.enheter[feeds.enheter.length - 1]!.oppdateringsid,
      since,
    });
  });
});
