import type { RefreshJobData } from '../refresh/refresh.queue';
import { RegistryTestWorld } from '../testing/registry-test-world';
import { ENHET, MVA_REGISTER, ROLLER } from '../upstream/datasets';
import { StaleSnapshotSweep } from './stale-snapshot-sweep';

describe('the scheduled sweep (real Postgres)', () => {
  let world: RegistryTestWorld;
  const queued: RefreshJobData[] = [];
  let flushes = 0;
  beforeAll(async () => {
    world = await RegistryTestWorld.start();
    for (const orgnr of ['315678420', '315678439']) {
      world.registry.answer(`/enheter/${orgnr}`, { status: 200, body: { navn: orgnr } });
      world.registry.answer(`/enheter/${orgnr}/roller`, { status: 200, body: { rollegrupper: [] } });
      world.registry.answer(`/api/mva/mvaregister/v1/enhet/${orgnr}`, {
        status: 200,
        body: { registrert: true },
      });
    }
  });
  afterAll(() => world?.stop());

  const sweep = (batch = 100) =>
    new StaleSnapshotSweep(
      world.snapshots,
      { enqueue: async (job) => void queued.push(job) },
      { flushQuietly: async () => void flushes++ },
      { freshMs: 60_000, batch },
      world.now,
    );
  const refresh = (orgnr: string, datasets = [ENHET, ROLLER]) =>
    world.refresher.refresh({
      orgnr,
      environment: 'production',
      datasets,
      context: { cause: 'on-demand', feed: null },
    });

  it('queues a scheduled refresh for every snapshot past the freshness bound, oldest first, in batches', async () => {
    await refresh('315678420');
    world.clock = new Date(world.clock.getTime() + 30_000);
    await refresh('315678439', [MVA_REGISTER]);
    world.clock = new Date(world.clock.getTime() + 31_000); // the first company's snapshots are now 61 s old
    expect(await sweep().run()).toBe(2);
    expect(queued).toEqual([
      { orgnr: '315678420', environment: 'production', dataset: 'enhet', cause: 'scheduled' },
      { orgnr: '315678420', environment: 'production', dataset: 'roller', cause: 'scheduled' },
    ]);
    expect(flushes).toBe(1);

    world.clock = new Date(world.clock.getTime() + 60_000);
    queued.length = 0;
    expect(await sweep(1).run()).toBe(1);
    expect(queued.map((j) => j.dataset)).toEqual(['enhet']);
  });
});
