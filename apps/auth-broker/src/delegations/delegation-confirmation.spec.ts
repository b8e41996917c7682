import type { ApierError } from '@apier/contracts';
import { externalRefFor } from './delegation-views';
import { DelegationTestWorld, FRESHNESS_SECONDS, TAX, VAT } from './testing/delegation-test-world';

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: ApierError) => error,
  );

/**
 * The binding check fails closed: only the account's own active delegation, confirmed within the
 * freshness bound and backed by a System User token Maskinporten issues now, says yes.
 */
describe('delegation confirmation before a binding action', () => {
  let world: DelegationTestWorld;
  let account: string;
  let other: string;
  let orgSeq = 0;
  const orgs = [
    '315678420',
    '315678439',
    '315678447',
    '315678455',
    '315678463',
    '315678471',
    '315678498',
    '315678501',
    '315678609',
    '315678706',
    '315678714',
  ];

  /** A fresh org with an active delegation of `account` for VAT. */
  async function activeDelegation(): Promise<{ orgnr: string; id: string }> {
    const orgnr = orgs[orgSeq++]!;
    const { delegation } = await world.service.createRequest(account, orgnr, [VAT]);
    const row = await world.prisma.delegation.findUniqueOrThrow({ where: { id: delegation.id } });
    world.altinn.decide(row.requestId, 'Accepted');
    expect((await world.service.get(account, delegation.id)).status).toBe('active');
    return { orgnr, id: delegation.id };
  }
  const confirm = (orgnr: string, packages = [VAT], who = account) =>
    world.confirmation.confirm(who, orgnr, packages);

  beforeAll(async () => {
    world = await DelegationTestWorld.start();
    [account, other] = await Promise.all([world.account('A'), world.account('B')]);
  });
  afterAll(async () => {
    await world?.stop();
  });
  afterEach(() => {
    world.altinn.down = false;
    world.authority.down = false;
  });

  it('confirms an active delegation with a fresh System User token bound to the account', async () => {
    const { orgnr, id } = await activeDelegation();
    const reply = await confirm(orgnr);
    expect(reply).toMatchObject({ delegation_id: id, orgnr, status: 'active', access_packages: [VAT] });
    expect(world.authority.grants.at(-1)).toEqual({
      orgnr,
      externalRef: externalRefFor(account),
      fresh: true,
    });
    const row = await world.prisma.delegation.findUniqueOrThrow({ where: { id } });
    expect(row.lastConfirmedAt).toEqual(world.clock);
  });

  it('asks Altinn again only when the last confirmation is older than the freshness bound', async () => {
    const { orgnr } = await activeDelegation();
    const lookups = () => world.altinn.calls.filter((c) => c === 'findSystemUser').length;
    const before = lookups();
    await confirm(orgnr);
    expect(lookups()).toBe(before);
    world.advance(FRESHNESS_SECONDS + 1);
    await confirm(orgnr);
    expect(lookups()).toBe(before + 1);
  });

  it('refuses, as unconfirmable and retryable, when Altinn cannot re-check a stale delegation', async () => {
    const { orgnr, id } = await activeDelegation();
    world.advance(FRESHNESS_SECONDS + 1);
    world.altinn.down = true;
    expect(await refusal(confirm(orgnr))).toMatchObject({
      code: 'delegation_unconfirmable',
      retryable: true,
      details: { delegation_id: id, upstream: 'altinn', upstream_code: 'upstream_unavailable' },
    });
    expect((await world.prisma.delegation.findUniqueOrThrow({ where: { id } })).status).toBe('active');
  });

  it('refuses, as unconfirmable, when Maskinporten is down even though Altinn is fresh', async () => {
    const { orgnr } = await activeDelegation();
    world.authority.down = true;
    expect(await refusal(confirm(orgnr))).toMatchObject({
      code: 'delegation_unconfirmable',
      details: { upstream: 'maskinporten' },
    });
  });

  it('treats MP-303 as a revocation: records it, publishes it, refuses', async () => {
    const { orgnr, id } = await activeDelegation();
    world.altinn.revoke(orgnr, externalRefFor(account));
    expect(await refusal(confirm(orgnr))).toMatchObject({
      code: 'delegation_revoked',
      details: { delegation_id: id },
    });
    expect(await world.prisma.delegation.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'revoked',
    });
    expect(
      (await world.prisma.delegationEvent.findMany({ where: { delegationId: id } })).map((e) => e.type),
    ).toEqual(['delegation.activated', 'delegation.revoked']);
    expect(await refusal(confirm(orgnr))).toMatchObject({ code: 'delegation_revoked' });
  });

  it('refuses a delegation that lacks a needed access package', async () => {
    const { orgnr } = await activeDelegation();
    expect(await refusal(confirm(orgnr, [VAT, TAX]))).toMatchObject({
      code: 'delegation_packages_missing',
      details: { missing_access_packages: [TAX] },
    });
  });

  it('refuses pending and unknown delegations, and another account’s delegation', async () => {
    const orgnr = orgs[orgSeq++]!;
    expect(await refusal(confirm(orgnr))).toMatchObject({ code: 'delegation_not_found', details: { orgnr } });
    await world.service.createRequest(account, orgnr, [VAT]);
    expect(await refusal(confirm(orgnr))).toMatchObject({
      code: 'delegation_pending',
      details: { confirm_url: expect.stringContaining('https://') },
    });
    const { orgnr: activeOrg } = await activeDelegation();
    const foreign = await refusal(confirm(activeOrg, [VAT], other));
    expect(foreign).toMatchObject({ code: 'delegation_not_found' });
    // Details are spread into the gateway's problem document: they must never shadow its members.
    const pending = await refusal(confirm(orgnr));
    for (const error of [foreign, pending])
      expect(Object.keys(error!.details ?? {})).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/^(status|type|title|detail|code|instance)$/)]),
      );
  });
});
