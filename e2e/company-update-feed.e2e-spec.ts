import { eventStreamName } from '@apier/contracts';
import { expectProblem } from './support/expect-problem';
import { eventually, RegistryFreshnessWorld } from './support/registry-freshness-world';

jest.setTimeout(60_000);

const RENAMED = '315678420';
const UNTRACKED = '315678463';
const GOES_BANKRUPT = '315678439';
const DELETED = '315678870';
const REMOVED = '315678854';
const RESTARTED = '315678501';

/**
 * Brreg's update feed keeps tracked companies fresh long before their freshness bound (an hour
 * here): a change made in govsim reaches the context within seconds and is announced once as
 * `company.changed` on JetStream; deleted and removed companies stay recorded as such; companies
 * Apier does not track cost nothing; the position survives a restart.
 */
describe('the Brreg update feed drives refreshes and company.changed events', () => {
  let world: RegistryFreshnessWorld;

  beforeAll(async () => {
    world = await RegistryFreshnessWorld.start({
      REGISTRY_FEED_POLL_SECONDS: '1',
      REGISTRY_SWEEP_SECONDS: '3600',
    });
    for (const orgnr of [RENAMED, GOES_BANKRUPT, DELETED, REMOVED, RESTARTED]) await world.context(orgnr);
    // The followers start at the feed's head; changes must come after it to be seen.
    await eventually(
      () => world.query(`SELECT feed FROM registry_feed_cursors WHERE environment = 'production'`),
      (rows) => rows.length === 2,
    );
  }, 90_000);
  afterAll(() => world?.stop());

  const cursorOf = async (feed: string) =>
    Number(
      (
        await world.query(
          `SELECT last_update_id FROM registry_feed_cursors WHERE feed = $1 AND environment = 'production'`,
          [feed],
        )
      )[0].last_update_id,
    );
  const eventsFor = (orgnr: string, oppdateringsid: number) =>
    world.events.filter((e) => e.orgnr === orgnr && e.feed?.oppdateringsid === oppdateringsid);

  it('brings a name change into the context within seconds and announces it once', async () => {
    const before = await world.context(RENAMED);
    const { oppdatering } = await world.control('POST', `companies/${RENAMED}/changes`, {
      patch: { navn: 'FJORDLYS NYTT NAVN AS' },
    });
    const after = await eventually(
      () => world.context(RENAMED),
      (c) => c.entity.data.name === 'FJORDLYS NYTT NAVN AS',
    );
    expect(after.entity.data.name).toBe('FJORDLYS NYTT NAVN AS');
    expect(after.entity.provenance.freshness).toBe('fresh');
    expect(Date.parse(after.entity.provenance.fetched_at)).toBeGreaterThan(
      Date.parse(before.entity.provenance.fetched_at),
    );

    await eventually(
      async () => eventsFor(RENAMED, oppdatering.oppdateringsid),
      (e) => e.length > 0,
    );
    const events = eventsFor(RENAMED, oppdatering.oppdateringsid);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'company.changed',
        environment: 'production',
        cause: 'update-feed',
        feed: {
          name: 'enheter',
          oppdateringsid: oppdatering.oppdateringsid,
          endringstype: 'Endring',
          organisasjonsnummer: RENAMED,
        },
        datasets: [
          {
            source: 'brreg',
            dataset: 'enhet',
            old_content_hash: before.entity.provenance.content_hash,
            new_content_hash: after.entity.provenance.content_hash,
            old_http_status: 200,
            new_http_status: 200,
          },
        ],
      }),
    ]);
    const stored = await world.query(`SELECT id, published_at FROM company_events WHERE id = $1`, [
      events[0]!.id,
    ]);
    expect(stored[0].published_at).not.toBeNull();
    const stream = await (
      await world.nc.jetstreamManager()
    ).streams.getMessage(eventStreamName(`${world.stack.token}.`), {
      last_by_subj: `${world.stack.token}.apier.events.company.changed`,
    });
    expect(stream.header.get('Nats-Msg-Id')).toBeTruthy();
  });

  it('leaves companies Apier does not track alone', async () => {
    const { oppdatering } = await world.control('POST', `companies/${UNTRACKED}/changes`, {
      patch: { navn: 'UKJENT NAVN AS' },
    });
    await eventually(
      () => cursorOf('enheter'),
      (id) => id >= oppdatering.oppdateringsid,
    );
    expect(await world.requestsFor(UNTRACKED)).toEqual([]);
    expect(world.events.filter((e) => e.orgnr === UNTRACKED)).toEqual([]);
  });

  it('shows a bankruptcy the feed reports, with the discrepancy it causes', async () => {
    await world.control('POST', `companies/${GOES_BANKRUPT}/state`, {
      konkurs: true,
      konkursdato: '2026-07-15',
    });
    const after = await eventually(
      () => world.context(GOES_BANKRUPT),
      (c) => c.entity.data.bankruptcy.bankrupt,
    );
    expect(after.entity.data.bankruptcy).toEqual({ bankrupt: true, since: '2026-07-15' });
    expect(after.discrepancies.map((d) => d.rule)).toContain('bankrupt-entity');
    await eventually(
      async () => world.events.filter((e) => e.orgnr === GOES_BANKRUPT),
      (e) => e.length > 0,
    );
  });

  it('keeps a deleted company, shown as deleted, and says the feed reported a deletion', async () => {
    await world.control('POST', `companies/${DELETED}/state`, { slettet: true, slettedato: '2026-07-20' });
    const after = await eventually(
      () => world.context(DELETED),
      (c) => c.entity.data.status === 'deleted',
    );
    expect(after.entity.data).toMatchObject({ status: 'deleted', deleted_at: '2026-07-20' });
    const [event] = await eventually(
      async () => world.events.filter((e) => e.orgnr === DELETED && e.feed?.endringstype === 'Sletting'),
      (e) => e.length > 0,
    );
    expect(event!.datasets.map((d) => d.dataset)).toContain('enhet');
  });

  it('keeps a removed company recorded as removed (410), never dropping what Apier knew', async () => {
    await world.control('POST', `companies/${REMOVED}/state`, { fjernet: true, slettedato: '2026-07-21' });
    const [event] = await eventually(
      async () => world.events.filter((e) => e.orgnr === REMOVED && e.feed?.endringstype === 'Fjernet'),
      (e) => e.length > 0,
    );
    expect(event!.datasets).toContainEqual(
      expect.objectContaining({ dataset: 'enhet', old_http_status: 200, new_http_status: 410 }),
    );
    await expectProblem(await world.contextResponse(REMOVED), 410, 'company_removed');
    const rows = await world.query(
      `SELECT source, dataset, http_status FROM registry_snapshots WHERE orgnr = $1 ORDER BY source, dataset`,
      [REMOVED],
    );
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(rows.find((r) => r.dataset === 'enhet')).toMatchObject({ http_status: 410 });
  });

  it('resumes where it stopped after a restart and announces a change made meanwhile exactly once', async () => {
    await world.stack.app('registry-sync').stop();
    const { oppdatering } = await world.control('POST', `companies/${RESTARTED}/changes`, {
      patch: { antallAnsatte: 3, harRegistrertAntallAnsatte: true },
    });
    await world.stack.restart('registry-sync');
    const after = await eventually(
      () => world.context(RESTARTED),
      (c) => c.entity.data.employees.count === 3,
    );
    expect(after.entity.data.employees).toEqual({ reported: true, count: 3 });
    await eventually(
      async () => eventsFor(RESTARTED, oppdatering.oppdateringsid),
      (e) => e.length > 0,
    );
    await new Promise((r) => setTimeout(r, 2_500)); // a few more polls
    expect(eventsFor(RESTARTED, oppdatering.oppdateringsid)).toHaveLength(1);
    expect(new Set(world.events.map((e) => e.id)).size).toBe(world.events.length);
  });
});
