import { type ApierError, MintedApprovalTokenSchema } from '@apier/contracts';
import { hashApprovalToken } from './approval-token-format';
import type { ConsumeApprovalToken } from './approval-token.store';
import {
  ApprovalsTestWorld,
  ORG,
  OTHER_ORG,
  payloadHashOf,
  refusal,
  REQUEST_TTL_SECONDS,
  TOKEN_TTL_SECONDS,
} from './testing/approvals-test-world';

/** DESIGN §4 invariant 5: minted by an approver, single-use, short-lived, bound to the exact payload. */
describe('approval tokens (real Postgres)', () => {
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

  async function approved(payload: string, owner = a, orgnr = ORG) {
    const ref = await world.request(owner.accountId, payload, orgnr);
    const minted = await world.tokens.mint({
      accountId: owner.accountId,
      approverId: owner.approverId,
      approvalRequestId: ref.id,
    });
    return { ref, minted };
  }

  const consume = (input: Partial<ConsumeApprovalToken> & { token: string }) =>
    world.prisma.$transaction((tx) =>
      world.tokens.consume(tx, {
        accountId: a.accountId,
        orgnr: ORG,
        actionType: 'mva_melding',
        payloadHash: payloadHashOf('p'),
        ...input,
      }),
    );

  it('mints a recognisable token once, keeps only its hash and records who approved', async () => {
    const { ref, minted } = await approved('mint-1');
    expect(MintedApprovalTokenSchema.parse(minted)).toEqual({
      approval_request_id: ref.id,
      approval_token: expect.stringMatching(/^apier_approval_[A-Za-z0-9_-]{43}$/),
      expires_at: new Date(world.clock.getTime() + TOKEN_TTL_SECONDS * 1000).toISOString(),
    });
    const row = await world.prisma.approvalRequest.findUniqueOrThrow({ where: { id: ref.id } });
    expect(row).toMatchObject({
      status: 'approved',
      approvedBy: a.approverId,
      approvedAt: world.clock,
      tokenHash: hashApprovalToken(minted.approval_token),
      tokenConsumedAt: null,
    });
    expect(JSON.stringify(row)).not.toContain(minted.approval_token);
    const audit = await world.prisma.auditEntry.findMany({
      where: { subject: `approval_request:${ref.id}` },
    });
    expect(audit).toEqual([
      expect.objectContaining({
        accountId: a.accountId,
        actor: `approver:${a.approverId}`,
        event: 'approval.granted',
        detail: expect.objectContaining({ payload_hash: payloadHashOf('mint-1'), orgnr: ORG }),
      }),
    ]);
    expect(JSON.stringify(audit, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(
      minted.approval_token,
    );
  });

  it('mints only once per request, only for the approver’s own account and only while pending', async () => {
    const { ref } = await approved('mint-2');
    expect(
      await refusal(
        world.tokens.mint({ accountId: a.accountId, approverId: a.approverId, approvalRequestId: ref.id }),
      ),
    ).toMatchObject({ code: 'approval_not_pending', details: { status: 'approved' } });

    const other = await world.request(a.accountId, 'mint-3');
    // B's approver, acting in B's account, cannot see A's request…
    expect(
      await refusal(
        world.tokens.mint({ accountId: b.accountId, approverId: b.approverId, approvalRequestId: other.id }),
      ),
    ).toMatchObject({ code: 'approval_request_not_found' });
    // …nor claim to act in A's account.
    expect(
      await refusal(
        world.tokens.mint({ accountId: a.accountId, approverId: b.approverId, approvalRequestId: other.id }),
      ),
    ).toMatchObject({ code: 'approver_unauthenticated' });
    expect((await world.requests.get(a.accountId, other.id)).status).toBe('pending');
  });

  it('refuses a disabled approver and an expired request, and records the expiry', async () => {
    const c = await world.account('Charlie');
    const ref = await world.request(c.accountId, 'late');
    await world.prisma.approver.update({ where: { id: c.approverId }, data: { disabledAt: world.clock } });
    expect(
      await refusal(
        world.tokens.mint({ accountId: c.accountId, approverId: c.approverId, approvalRequestId: ref.id }),
      ),
    ).toMatchObject({ code: 'approver_unauthenticated' });

    await world.prisma.approver.update({ where: { id: c.approverId }, data: { disabledAt: null } });
    world.advance(REQUEST_TTL_SECONDS);
    expect(
      await refusal(
        world.tokens.mint({ accountId: c.accountId, approverId: c.approverId, approvalRequestId: ref.id }),
      ),
    ).toMatchObject({ code: 'approval_not_pending', details: { status: 'expired' } });
    expect((await world.prisma.approvalRequest.findUniqueOrThrow({ where: { id: ref.id } })).status).toBe(
      'expired',
    );
  });

  it('is consumed once, in the caller’s transaction, with the caller in the audit log', async () => {
    const { ref, minted } = await approved('p');
    expect(await consume({ token: minted.approval_token, actor: 'api_key:abcDEF123456' })).toEqual({
      approvalRequestId: ref.id,
    });
    const row = await world.prisma.approvalRequest.findUniqueOrThrow({ where: { id: ref.id } });
    expect(row).toMatchObject({ status: 'consumed', tokenConsumedAt: world.clock });
    expect(await refusal(consume({ token: minted.approval_token }))).toMatchObject({
      code: 'approval_token_used',
    });
    const audit = await world.prisma.auditEntry.findMany({
      where: { subject: `approval_request:${ref.id}` },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((e) => [e.event, e.actor])).toEqual([
      ['approval.granted', `approver:${a.approverId}`],
      ['approval.consumed', 'api_key:abcDEF123456'],
      ['approval.refused', `account:${a.accountId}`],
    ]);
    expect(audit[2]!.detail).toEqual({ code: 'approval_token_used' });
  });

  it('lets exactly one of 20 concurrent consumes win', async () => {
    const { ref, minted } = await approved('p');
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => consume({ token: minted.approval_token }).catch((e: ApierError) => e)),
    );
    const wins = outcomes.filter((o) => !(o instanceof Error));
    expect(wins).toEqual([{ approvalRequestId: ref.id }]);
    expect(outcomes.filter((o) => o instanceof Error).map((e) => (e as ApierError).code)).toEqual(
      Array(19).fill('approval_token_used'),
    );
  });

  it('gives the token back when the caller’s transaction rolls back', async () => {
    const { ref, minted } = await approved('p');
    const failed = await refusal(
      world.prisma.$transaction(async (tx) => {
        await world.tokens.consume(tx, {
          token: minted.approval_token,
          accountId: a.accountId,
          orgnr: ORG,
          actionType: 'mva_melding',
          payloadHash: payloadHashOf('p'),
        });
        throw new Error('the action insert failed');
      }),
    );
    expect((failed as Error).message).toBe('the action insert failed');
    expect(await consume({ token: minted.approval_token })).toEqual({ approvalRequestId: ref.id });
  });

  it.each([
    ['a malformed token', 'apier_approval_short', 'approval_token_invalid'],
    ['an unknown token', `apier_approval_${'A'.repeat(43)}`, 'approval_token_invalid'],
    ['an API key instead of a token', `apier_test_${'a'.repeat(61)}`, 'approval_token_invalid'],
  ])('refuses %s', async (_name, token, code) => {
    expect(await refusal(consume({ token }))).toMatchObject({ code });
  });

  it('refuses another account, another org, another payload and another action type, each by name', async () => {
    const { minted } = await approved('p');
    const token = minted.approval_token;
    expect(await refusal(consume({ token, accountId: b.accountId }))).toMatchObject({
      code: 'approval_token_wrong_account',
    });
    expect(await refusal(consume({ token, orgnr: OTHER_ORG }))).toMatchObject({
      code: 'approval_token_wrong_org',
    });
    expect(await refusal(consume({ token, payloadHash: payloadHashOf('p, edited') }))).toMatchObject({
      code: 'approval_token_payload_mismatch',
    });
    expect(
      // A type that does not exist yet stands for "another action type".
      await refusal(consume({ token, actionType: 'a_future_action' as 'mva_melding' })),
    ).toMatchObject({ code: 'approval_token_payload_mismatch' });
    // None of the refusals used it up.
    expect(await consume({ token })).toMatchObject({ approvalRequestId: minted.approval_request_id });
    const refusedForB = await world.prisma.auditEntry.findMany({
      where: { accountId: b.accountId, event: 'approval.refused' },
    });
    expect(refusedForB).toEqual([
      expect.objectContaining({ subject: null, detail: { code: 'approval_token_wrong_account' } }),
    ]);
  });

  it('refuses an expired token even when everything else matches', async () => {
    const { minted } = await approved('p');
    world.advance(TOKEN_TTL_SECONDS);
    expect(await refusal(consume({ token: minted.approval_token }))).toMatchObject({
      code: 'approval_token_expired',
    });
  });
});
