import { type ApierError, eventStreamName } from '@apier/contracts';
import { connect } from 'nats';
import { testInfrastructure } from '@apier/testing';
import { DelegationEventPublisher } from './delegation-event-publisher';
import { externalRefFor } from './delegation-views';
import { DelegationTestWorld, TAX, VAT } from './testing/delegation-test-world';

const ORG = '315678420';
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: ApierError) => error,
  );

/** The System User handshake from the account's request to activation, rejection, expiry and revocation. */
describe('delegation lifecycle (real Postgres and JetStream)', () => {
  let world: DelegationTestWorld;
  let accountA: string;
  let accountB: string;

  beforeAll(async () => {
    world = await DelegationTestWorld.start();
    [accountA, accountB] = await Promise.all([world.account('A'), world.account('B')]);
  });
  afterAll(async () => {
    await world?.stop();
  });

  const altinnRequestOf = async (id: string) =>
    (await world.prisma.delegation.findUniqueOrThrow({ where: { id } })).requestId;

  it('registers the system before the first request and binds the request to the account', async () => {
    const { created, delegation } = await world.service.createRequest(accountA, ORG, [VAT]);
    expect(created).toBe(true);
    expect(delegation).toMatchObject({ orgnr: ORG, status: 'pending', access_packages: [VAT] });
    expect(world.altinn.systems.has('310000000_apier')).toBe(true);
    const row = await world.prisma.delegation.findUniqueOrThrow({ where: { id: delegation.id } });
    expect(row).toMatchObject({
      accountId: accountA,
      externalRef: `acc-${accountA}`,
      systemId: '310000000_apier',
    });
    expect(world.altinn.requests.get(row.requestId)).toMatchObject({
      externalRef: `acc-${accountA}`,
      partyOrgNo: ORG,
    });
  });

  it('answers a repeated or concurrent request with the one pending request', async () => {
    const [first, ...rest] = await Promise.all(
      Array.from({ length: 5 }, () => world.service.createRequest(accountA, ORG, [VAT])),
    );
    expect(new Set([first, ...rest].map((r) => r!.delegation.id)).size).toBe(1);
    expect([first, ...rest].every((r) => !r!.created)).toBe(true);
    expect(await world.prisma.delegation.count({ where: { accountId: accountA, orgnr: ORG } })).toBe(1);
  });

  it('refuses access packages Apier’s system does not offer, before asking Altinn', async () => {
    const calls = world.altinn.calls.length;
    expect(
      await refusal(world.service.createRequest(accountA, ORG, ['urn:altinn:accesspackage:lonn'])),
    ).toMatchObject({
      code: 'validation_failed',
      details: { available_access_packages: [VAT, TAX] },
    });
    expect(world.altinn.calls.length).toBe(calls);
  });

  it('activates on the sweep once the company accepts, and publishes delegation.activated once', async () => {
    const [pending] = (await world.service.list(accountA, ORG)).delegations;
    const user = world.altinn.decide(await altinnRequestOf(pending!.id), 'Accepted')!;
    world.advance(1);
    // Two reconcilers racing on the same row record one transition and one event.
    await Promise.all([world.reconciler.sweep(), world.reconciler.sweep()]);
    const row = await world.prisma.delegation.findUniqueOrThrow({ where: { id: pending!.id } });
    expect(row).toMatchObject({ status: 'active', systemUserId: user.id, activatedAt: world.clock });
    const events = await world.prisma.delegationEvent.findMany({ where: { delegationId: pending!.id } });
    expect(events).toEqual([
      expect.objectContaining({ type: 'delegation.activated', publishedAt: world.clock }),
    ]);
    expect((await world.eventsSettled(1))[0]).toEqual({
      id: events[0]!.id,
      type: 'delegation.activated',
      occurred_at: world.clock.toISOString(),
      account_id: accountA,
      delegation: {
        id: pending!.id,
        orgnr: ORG,
        status: 'active',
        access_packages: [VAT],
        system_user_id: user.id,
      },
    });
    const stream = await (
      await world.nc.jetstreamManager()
    ).streams.info(eventStreamName(world.subjectPrefix));
    expect(stream.state.messages).toBe(1);
  });

  it('records rejection, denial and time-out when the account looks again', async () => {
    const outcomes = { '315678439': 'Rejected', '315678447': 'Denied', '315678455': 'Timedout' } as const;
    for (const [orgnr, status] of Object.entries(outcomes)) {
      const { delegation } = await world.service.createRequest(accountA, orgnr, [TAX]);
      world.altinn.decide(await altinnRequestOf(delegation.id), status);
      const seen = await world.service.get(accountA, delegation.id);
      expect(seen.status).toBe(status === 'Timedout' ? 'expired' : 'rejected');
    }
    const expired = (await world.service.list(accountA, '315678455')).delegations[0]!;
    expect(Date.parse(expired.expires_at!)).toBeLessThanOrEqual(world.clock.getTime());
  });

  it('asks again after a rejection by deleting the decided request at Altinn', async () => {
    const before = (await world.service.list(accountA, '315678439')).delegations;
    const { created, delegation } = await world.service.createRequest(accountA, '315678439', [TAX]);
    expect(created).toBe(true);
    expect(delegation.id).not.toBe(before[0]!.id);
    expect(world.altinn.calls).toEqual(expect.arrayContaining(['getRequestByExternalRef', 'deleteRequest']));
  });

  it('sees a revocation in the sweep only from a complete list of System Users', async () => {
    const [active] = (await world.service.list(accountA, ORG)).delegations;
    world.altinn.revoke(ORG, externalRefFor(accountA));
    world.altinn.down = true;
    await expect(world.reconciler.sweep()).rejects.toMatchObject({ code: 'upstream_unavailable' });
    expect((await world.service.get(accountA, active!.id)).status).toBe('active'); // Altinn down: no change
    world.altinn.down = false;
    world.advance(1);
    await world.reconciler.sweep();
    expect(await world.service.get(accountA, active!.id)).toMatchObject({
      status: 'revoked',
      revoked_at: world.clock.toISOString(),
    });
  });

  it('keeps account B out of account A’s delegations for the same organisation', async () => {
    const [ofA] = (await world.service.list(accountA, ORG)).delegations;
    expect(await refusal(world.service.get(accountB, ofA!.id))).toMatchObject({
      code: 'delegation_not_found',
      details: {},
    });
    expect(await world.service.list(accountB, ORG)).toEqual({ orgnr: ORG, delegations: [] });
    const ofB = await world.service.createRequest(accountB, ORG, [VAT]);
    expect(ofB.created).toBe(true);
    expect(ofB.delegation.id).not.toBe(ofA!.id);
  });

  it('keeps events that could not be published and publishes them on a later flush', async () => {
    const closed = await connect({ servers: testInfrastructure().natsUrl });
    await closed.close();
    const offline = new DelegationEventPublisher(world.repository, closed, world.subjectPrefix, world.logger);
    const { delegation } = await world.service.createRequest(accountA, '315678463', [VAT]);
    world.altinn.decide(await altinnRequestOf(delegation.id), 'Rejected');
    await world
      .reconcilerWith(offline)
      .reconcile(await world.prisma.delegation.findUniqueOrThrow({ where: { id: delegation.id } }));
    expect(await world.prisma.delegationEvent.count({ where: { publishedAt: null } })).toBe(1);
    await world.publisher.flush();
    expect(await world.prisma.delegationEvent.count({ where: { publishedAt: null } })).toBe(0);
    const events = await world.eventsSettled(world.events.length + 1);
    expect(events.filter((e) => e.delegation.id === delegation.id).map((e) => e.type)).toEqual([
      'delegation.rejected',
    ]);
  });
});
