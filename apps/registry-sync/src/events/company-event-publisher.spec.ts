import { type CompanyChangedEvent, CompanyChangedEventSchema, eventStreamName } from '@apier/contracts';
import { createLogger } from '@apier/platform';
import { runToken, testInfrastructure } from '@apier/testing';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { RegistryTestWorld } from '../testing/registry-test-world';
import { CompanyEventPublisher } from './company-event-publisher';
import { CompanyEventOutbox } from './company-event.outbox';

describe('company.changed on JetStream from the outbox (real Postgres and NATS)', () => {
  let world: RegistryTestWorld;
  let nc: NatsConnection;
  const prefix = `${runToken()}.`;
  const received: CompanyChangedEvent[] = [];

  beforeAll(async () => {
    world = await RegistryTestWorld.start();
    nc = await connect({ servers: testInfrastructure().natsUrl });
    const codec = JSONCodec<CompanyChangedEvent>();
    nc.subscribe(`${prefix}apier.events.company.changed`, {
      callback: (_e, m) => received.push(codec.decode(m.data)),
    });
    const at = (s: number) => new Date(Date.UTC(2026, 10, 25, 12, 0, s));
    for (const [hash, second] of [
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ] as const) {
      await world.snapshots.save(
        '315678420',
        'production',
        null,
        [
          {
            source: 'nav',
            dataset: 'arbeidsgiveroversikt',
            sourceUrl: 'u',
            httpStatus: 200,
            contentHash: hash.repeat(64),
            payload: [],
            fetchedAt: at(second),
          },
        ],
        { cause: 'scheduled', feed: null },
      );
    }
  });
  afterAll(async () => {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete(eventStreamName(prefix)).catch(() => undefined);
    await nc.drain();
    await world?.stop();
  });

  it('publishes each stored event once, with its id as the message id, creating the stream if missing', async () => {
    const publisher = new CompanyEventPublisher(
      new CompanyEventOutbox(world.prisma),
      nc,
      prefix,
      createLogger('spec', 'silent'),
    );
    expect(await publisher.flush()).toBe(2);
    expect(await publisher.flush()).toBe(0);
    await nc.flush();
    expect(received.map((e) => CompanyChangedEventSchema.parse(e).id).sort()).toEqual(
      (await world.events()).map((e) => e.id).sort(),
    );
    const info = await (await nc.jetstreamManager()).streams.info(eventStreamName(prefix));
    expect(info.state.messages).toBe(2);
    expect(await world.prisma.companyEvent.count({ where: { publishedAt: null } })).toBe(0);
  });

  it('lets JetStream drop a re-publication of the same event (a crash before it was marked published)', async () => {
    await world.prisma.companyEvent.updateMany({ data: { publishedAt: null } });
    const publisher = new CompanyEventPublisher(
      new CompanyEventOutbox(world.prisma),
      nc,
      prefix,
      createLogger('spec', 'silent'),
    );
    expect(await publisher.flush()).toBe(2);
    const info = await (await nc.jetstreamManager()).streams.info(eventStreamName(prefix));
    expect(info.state.messages).toBe(2);
  });
});
