import { expectProblem } from './support/expect-problem';
import { altinnRequestId, DelegationWorld, eventually, type Json } from './support/delegation-world';
import { readJson } from './support/read-json';

const VAT = 'urn:altinn:accesspackage:merverdiavgift';
const TAX = 'urn:altinn:accesspackage:skatt-naering';
const ONBOARD = '315678420';
const REJECT = '315678439';
const SWEPT = '315678447';
const EXPIRE = '315678455';
const UNREACHED = '315678463';
const REQUESTS = '/api/v1/delegations/requests';

jest.setTimeout(60_000);

/**
 * A company delegates to Apier through Altinn's System User handshake: the account asks, the
 * company's human approves on the confirm page, the reconciler notices, and only then does the
 * binding check say yes. Rejection, expiry, revocation and outages all end in a refusal.
 */
describe('delegation onboarding through govsim’s Altinn', () => {
  let world: DelegationWorld;

  beforeAll(async () => {
    world = await DelegationWorld.start(['govsim', 'registry-sync', 'auth-broker', 'gateway'], {
      DELEGATION_RECONCILE_SECONDS: '2',
    });
  }, 120_000);
  afterAll(async () => {
    await world?.stop();
  });

  it('registers Apier’s system in the Altinn system register with its access packages', async () => {
    const state = await eventually(
      async () => readJson(await world.control('GET', 'altinn/state')),
      (s: Json) => s.systems.length > 0,
    );
    expect(state.systems).toEqual([
      expect.objectContaining({
        id: '310000000_apier',
        clientId: ['apier-local'],
        accessPackages: expect.arrayContaining([{ urn: VAT }, { urn: TAX }]),
      }),
    ]);
  });

  it('onboards a company: request, the human approves on the confirm page, the reconciler activates', async () => {
    const created = await world.request('a', ONBOARD, [VAT]);
    expect(created).toMatchObject({ orgnr: ONBOARD, status: 'pending', access_packages: [VAT] });
    expect(created.requested_at).toEqual(expect.any(String));
    expect(created.confirm_url).toMatch(
      new RegExp(`^${world.stack.govsimUrl}/accessmanagement/ui/systemuser/request\\?id=`),
    );
    expect(JSON.stringify(created)).not.toContain(world.accounts.a.id); // the external ref stays inside
    expect((await world.request('a', ONBOARD, [VAT], 200)).id).toBe(created.id); // idempotent while pending
    const otherPackages = await world.api('a', REQUESTS, { orgnr: ONBOARD, access_packages: [VAT, TAX] });
    expect((await expectProblem(otherPackages, 409, 'delegation_pending')).delegation_id).toBe(created.id);
    expect((await world.confirm('a', ONBOARD, [VAT])).refusal).toMatchObject({ code: 'delegation_pending' });

    expect((await world.decideOnConfirmPage(created.confirm_url, 'approve')).status).toBe(200);

    // The list answers stored state only, so "active" here is the repeatable job's doing.
    const listed = await eventually(
      () => world.list('a', ONBOARD),
      (l: Json) => l.delegations[0]?.status === 'active',
    );
    expect(listed.delegations).toEqual([
      expect.objectContaining({ id: created.id, status: 'active', access_packages: [VAT] }),
    ]);
    expect((await world.show('a', created.id)).activated_at).toEqual(expect.any(String));
    expect((await world.confirm('a', ONBOARD, [VAT])).reply).toMatchObject({
      delegation_id: created.id,
      orgnr: ONBOARD,
      status: 'active',
      access_packages: [VAT],
    });
    expect((await world.confirm('a', ONBOARD, [TAX])).refusal).toMatchObject({
      code: 'delegation_packages_missing',
    });
    const again = await world.api('a', REQUESTS, { orgnr: ONBOARD, access_packages: [VAT] });
    expect((await expectProblem(again, 409, 'delegation_exists')).delegation_id).toBe(created.id);

    // the company context shows the caller's own delegation, and only the caller's
    const context = await readJson(await world.api('a', `/api/v1/company/${ONBOARD}/context`));
    expect(context.delegation.data).toEqual({
      state: 'active',
      system_user_id: listed.delegations[0].system_user_id,
      access_packages: [VAT],
      synthetic: false,
    });
    expect(context.delegation.data.system_user_id).toEqual(expect.any(String));
    const ofB = await readJson(await world.api('b', `/api/v1/company/${ONBOARD}/context`));
    expect(ofB.delegation.data).toMatchObject({ state: 'not_requested', system_user_id: null });
    await eventually(
      async () => world.eventsOf('delegation.activated', created.id),
      (e) => e.length > 0,
    );
    expect(world.eventsOf('delegation.activated', created.id)[0]).toMatchObject({
      account_id: world.accounts.a.id,
      delegation: { orgnr: ONBOARD, status: 'active' },
    });
  });

  it('validates the request: unknown fields, packages Apier does not offer, the id, the scope', async () => {
    const path = '/api/v1/delegations/requests';
    await expectProblem(
      await world.api('a', path, { orgnr: REJECT, access_packages: [VAT], x: 1 }),
      400,
      'validation_failed',
    );
    const unoffered = await world.api('a', path, {
      orgnr: REJECT,
      access_packages: ['urn:altinn:accesspackage:lonn'],
    });
    const problem = await expectProblem(unoffered, 400, 'validation_failed');
    expect(problem.available_access_packages).toContain(VAT);
    await expectProblem(await world.api('a', `${path}/not-a-uuid`), 400, 'validation_failed');
    const readOnly = await world.cli([
      'keys',
      'issue',
      '--account',
      world.accounts.a.id,
      '--mode',
      'test',
      '--scopes',
      'delegations:read',
    ]);
    const refused = await world.api(readOnly.api_key, path, { orgnr: REJECT, access_packages: [VAT] });
    expect((await expectProblem(refused, 403, 'forbidden_scope')).required_scope).toBe('delegations:write');
  });

  it('records a rejection, refuses to act on it, and lets the account ask again', async () => {
    const created = await world.request('a', REJECT, [VAT]);
    expect((await world.control('POST', `altinn/requests/${altinnRequestId(created)}/reject`)).status).toBe(
      200,
    );
    expect(await world.show('a', created.id)).toMatchObject({
      status: 'rejected',
      rejected_at: expect.any(String),
    });
    expect((await world.confirm('a', REJECT, [VAT])).refusal).toMatchObject({
      code: 'delegation_rejected',
      retryable: false,
    });
    const again = await world.request('a', REJECT, [VAT]);
    expect(again).toMatchObject({ status: 'pending' });
    expect(again.id).not.toBe(created.id);
    await eventually(
      async () => world.eventsOf('delegation.rejected', created.id),
      (e) => e.length > 0,
    );
  });

  it('keeps each account to its own delegations, even for the same organisation', async () => {
    const ofA = (await world.list('a', ONBOARD)).delegations[0];
    const hidden = await expectProblem(
      await world.api('b', `/api/v1/delegations/requests/${ofA.id}`),
      404,
      'delegation_not_found',
    );
    expect(JSON.stringify(hidden)).not.toContain(ONBOARD);
    expect(await world.list('b', ONBOARD)).toEqual({ orgnr: ONBOARD, delegations: [] });
    expect((await world.confirm('b', ONBOARD, [VAT])).refusal).toMatchObject({
      code: 'delegation_not_found',
    });

    const ofB = await world.request('b', ONBOARD, [VAT]);
    expect(ofB.id).not.toBe(ofA.id);
    expect(altinnRequestId(ofB)).not.toBe(altinnRequestId(ofA));
    expect((await world.control('POST', `altinn/requests/${altinnRequestId(ofB)}/approve`)).status).toBe(200);
    expect((await world.show('b', ofB.id)).status).toBe('active');
    expect((await world.confirm('b', ONBOARD, [VAT])).reply).toMatchObject({ delegation_id: ofB.id });
  });

  it('sees a revocation at the next binding check and in the sweep, and then refuses', async () => {
    const [onboarded] = (await world.list('a', ONBOARD)).delegations;
    const userOfA = await world.systemUserOf('a', ONBOARD);
    expect((await world.control('DELETE', `altinn/system-users/${userOfA.id}`)).status).toBe(204);
    expect((await world.confirm('a', ONBOARD, [VAT])).refusal).toMatchObject({ code: 'delegation_revoked' });
    expect(await world.show('a', onboarded.id)).toMatchObject({
      status: 'revoked',
      revoked_at: expect.any(String),
    });
    // B's delegation for the same org is its own System User, untouched.
    expect((await world.confirm('b', ONBOARD, [VAT])).reply).toMatchObject({ status: 'active' });

    const swept = await world.request('a', SWEPT, [VAT]);
    await world.control('POST', `altinn/requests/${altinnRequestId(swept)}/approve`);
    expect((await world.show('a', swept.id)).status).toBe('active');
    await world.control('DELETE', `altinn/system-users/${(await world.systemUserOf('a', SWEPT)).id}`);
    const listed = await eventually(
      () => world.list('a', SWEPT),
      (l: Json) => l.delegations[0].status === 'revoked',
    );
    expect(listed.delegations[0].status).toBe('revoked');
    await eventually(
      async () => world.eventsOf('delegation.revoked', swept.id),
      (e) => e.length > 0,
    );
    expect(world.eventsOf('delegation.revoked', onboarded.id)).toHaveLength(1);
  });

  it('expires a request nobody answered in time', async () => {
    const created = await world.request('a', EXPIRE, [VAT]);
    await world.control('PUT', 'altinn/request-timeout', { seconds: 1 });
    await new Promise((r) => setTimeout(r, 1_500));
    try {
      expect(await world.show('a', created.id)).toMatchObject({
        status: 'expired',
        expires_at: expect.any(String),
      });
      expect((await world.confirm('a', EXPIRE, [VAT])).refusal).toMatchObject({ code: 'delegation_expired' });
    } finally {
      await world.control('PUT', 'altinn/request-timeout', { seconds: 180 * 24 * 3600 });
    }
    await eventually(
      async () => world.eventsOf('delegation.expired', created.id),
      (e) => e.length > 0,
    );
  });

  it('publishes each transition once on JetStream, with an event id and no secrets', async () => {
    const info = await (await world.nc.jetstreamManager()).streams.info(world.streamName);
    expect(info.state.messages).toBe(world.events.length);
    expect(new Set(world.events.map((e) => e.id)).size).toBe(world.events.length);
    expect(world.events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'delegation.activated',
        'delegation.rejected',
        'delegation.revoked',
        'delegation.expired',
      ]),
    );
    expect(JSON.stringify(world.events)).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  });

  it('refuses, never allows, when Altinn and Maskinporten cannot be reached', async () => {
    await world.stack.app('govsim').stop();
    const { reply, refusal } = await world.confirm('b', ONBOARD, [VAT]);
    expect(reply).toBeNull();
    expect(refusal).toMatchObject({ code: 'delegation_unconfirmable', retryable: true });
    const ofB = (await world.list('b', ONBOARD)).delegations[0];
    expect((await world.show('b', ofB.id)).status).toBe('active'); // reads answer the stored state
    await expectProblem(
      await world.api('b', '/api/v1/delegations/requests', { orgnr: UNREACHED, access_packages: [VAT] }),
      503,
      'upstream_unavailable',
    );
  });

  it('never writes a token or a private key to its logs', () => {
    const output = world.stack.app('auth-broker').rawOutput.join('\n');
    expect(output).toContain('delegation status changed');
    expect(output).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
    expect(output).not.toContain('PRIVATE KEY');
  });
});
