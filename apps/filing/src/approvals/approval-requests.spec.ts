import { ApprovalRequestViewSchema } from '@apier/contracts';
import {
  ApprovalsTestWorld,
  ORG,
  PASSING_CHECKS,
  payloadHashOf,
  refusal,
  REQUEST_TTL_SECONDS,
} from './testing/approvals-test-world';

/** What a dry run leaves for an approver, scoped to its account and expiring on time. */
describe('approval requests (real Postgres)', () => {
  let world: ApprovalsTestWorld;
  let a: { accountId: string; approverId: string };
  let b: { accountId: string; approverId: string };

  beforeAll(async () => {
    world = await ApprovalsTestWorld.start();
    [a, b] = await Promise.all([world.account('Alfa'), world.account('Bravo')]);
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('creates a pending request bound to org, action type and payload hash, with its approval page', async () => {
    const ref = await world.request(a.accountId, 'melding-A');
    expect(ref).toEqual({
      id: expect.any(String),
      status: 'pending',
      expires_at: new Date(world.clock.getTime() + REQUEST_TTL_SECONDS * 1000).toISOString(),
      approve_url: `/approvals/${ref.id}`,
    });
    const view = await world.requests.get(a.accountId, ref.id);
    expect(ApprovalRequestViewSchema.parse(view)).toEqual({
      id: ref.id,
      orgnr: ORG,
      action_type: 'mva_melding',
      payload_hash: payloadHashOf('melding-A'),
      status: 'pending',
      summary: { orgnr: ORG, term: '2026-5', amount_due: 12_500 },
      checks: PASSING_CHECKS,
      created_at: expect.any(String),
      expires_at: ref.expires_at,
      approved_at: null,
    });
  });

  it('creates inside the caller’s transaction when given one', async () => {
    const outcome = await refusal(
      world.prisma.$transaction(async (tx) => {
        const ref = await world.requests.create(
          {
            accountId: a.accountId,
            orgnr: ORG,
            actionType: 'mva_melding',
            payloadHash: payloadHashOf('rolled back'),
            summary: {},
            preflight: [],
          },
          tx,
        );
        throw new Error(`roll back ${ref.id}`);
      }),
    );
    const id = /roll back (\S+)/.exec((outcome as Error).message)![1]!;
    expect(await world.prisma.approvalRequest.findUnique({ where: { id } })).toBeNull();
  });

  it('never shows one account’s requests to another', async () => {
    const ref = await world.request(a.accountId, 'melding-private');
    expect(await refusal(world.requests.get(b.accountId, ref.id))).toMatchObject({
      code: 'approval_request_not_found',
    });
    const listed = await world.requests.list(b.accountId);
    expect(listed.map((r) => r.id)).not.toContain(ref.id);
    expect((await world.requests.list(a.accountId)).map((r) => r.id)).toContain(ref.id);
  });

  it('reads a pending request as expired once its time is up, before any sweep', async () => {
    const scoped = await world.account('Charlie');
    const old = await world.request(scoped.accountId, 'old');
    world.advance(REQUEST_TTL_SECONDS - 10);
    const fresh = await world.request(scoped.accountId, 'fresh');
    world.advance(11);
    expect((await world.requests.get(scoped.accountId, old.id)).status).toBe('expired');
    expect((await world.requests.list(scoped.accountId, 'pending')).map((r) => r.id)).toEqual([fresh.id]);
    expect((await world.requests.list(scoped.accountId, 'expired')).map((r) => r.id)).toEqual([old.id]);
    expect((await world.requests.list(scoped.accountId)).map((r) => r.id)).toEqual([fresh.id, old.id]);
  });
});
