import { RegistryTestWorld } from '../testing/registry-test-world';
import type { Snapshot } from './snapshot';

describe('SnapshotRepository: snapshots and their change events in one transaction (real Postgres)', () => {
  let world: RegistryTestWorld;
  beforeAll(async () => {
    world = await RegistryTestWorld.start();
  });
  afterAll(() => world?.stop());

  const snapshot = (hash: string, fetchedAt: Date, httpStatus = 200): Snapshot => ({
    source: 'brreg',
    dataset: 'enhet',
    sourceUrl: 'https://brreg.test/enheter/315678420',
    httpStatus,
    contentHash: hash.padEnd(64, '0'),
    payload: { navn: hash },
    fetchedAt,
  });
  const save = (orgnr: string, s: Snapshot) =>
    world.snapshots.save(orgnr, 'production', 'X AS', [s], { cause: 'background', feed: null });
  const at = (second: number) => new Date(Date.UTC(2026, 10, 25, 12, 0, second));

  it('records no event for the first fetch of a company, nor for content that did not change', async () => {
    expect(await save('315678420', snapshot('a', at(0)))).toBeNull();
    expect(await save('315678420', snapshot('a', at(1)))).toBeNull();
    expect(await world.events()).toEqual([]);
  });

  it('records one event with old and new hashes when content or status changes', async () => {
    const event = await save('315678420', snapshot('b', at(2)));
    expect(event).toMatchObject({
      type: 'company.changed',
      orgnr: '315678420',
      environment: 'production',
      cause: 'background',
      feed: null,
      datasets: [
        {
          source: 'brreg',
          dataset: 'enhet',
          old_content_hash: 'a'.padEnd(64, '0'),
          new_content_hash: 'b'.padEnd(64, '0'),
        },
      ],
    });
    expect(await world.events()).toEqual([event]);
  });

  it('reports a change only once when replicas store the same answer at the same moment', async () => {
    const before = (await world.events()).length;
    const results = await Promise.all([1, 2, 3, 4].map(() => save('315678420', snapshot('c', at(3)))));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await world.events()).toHaveLength(before + 1);
  });

  it('never replaces an answer with one fetched earlier', async () => {
    expect(await save('315678420', snapshot('old', at(1)))).toBeNull();
    expect((await world.snapshots.findAll('315678420', 'production')).get('brreg/enhet')).toMatchObject({
      contentHash: 'c'.padEnd(64, '0'),
    });
  });

  it('lists snapshots past a cutoff, oldest first, and which companies it tracks', async () => {
    await save('315678439', snapshot('z', at(0)));
    expect(await world.snapshots.fetchedBefore(at(2), 10)).toEqual([
      { orgnr: '315678439', environment: 'production', dataset: 'enhet' },
    ]);
    expect(await world.snapshots.tracked('production', ['315678420', '315678463'])).toEqual(
      new Set(['315678420']),
    );
    expect(await world.snapshots.tracked('sandbox', ['315678420'])).toEqual(new Set());
  });
});
