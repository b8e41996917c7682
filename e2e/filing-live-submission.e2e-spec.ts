import { ActionViewSchema, ReceiptVerificationSchema } from '@apier/contracts';
import { DelegationWorld, type Json } from './support/delegation-world';
import { expectProblem } from './support/expect-problem';
import {
  alignGovsimClock,
  approve,
  approvedToken,
  type ApproverSession,
  dryRunJson,
  execute,
  onboard,
  settled,
  signInApprover,
  sql,
  submissionsOf,
} from './support/filing-world';
import { meldingXml, twoMonthTerms, validMelding } from './support/mva-melding';
import { readJson } from './support/read-json';

jest.setTimeout(120_000);

const ORG = '315678420';
const { ended } = twoMonthTerms();
let counter = 0;
/** A distinct valid return each time (its own regnskapssystemsreferanse), so payload hashes differ. */
const newBody = () => {
  counter += 1;
  return {
    type: 'mva_melding',
    orgnr: ORG,
    payload: meldingXml(validMelding(ORG, ended, `live-${Date.now()}-${counter}`)),
  };
};
const newKey = () => `key-${Date.now()}-${Math.random().toString(36).slice(2)}-${(counter += 1)}`;

describe('live filing: approval gate, idempotency, pipeline and a verified receipt', () => {
  let world: DelegationWorld;
  let approverA: ApproverSession;
  let approverB: ApproverSession;

  beforeAll(async () => {
    world = await DelegationWorld.start(['govsim', 'registry-sync', 'auth-broker', 'filing', 'gateway'], {
      DELEGATION_RECONCILE_SECONDS: '2',
      FILING_FEEDBACK_POLL_MS: '100',
      FILING_BACKOFF_BASE_MS: '50',
    });
    await alignGovsimClock(world);
    await onboard(world, 'a', ORG);
    await onboard(world, 'b', ORG);
    [approverA, approverB] = await Promise.all([signInApprover(world, 'a'), signInApprover(world, 'b')]);
  }, 180_000);
  afterAll(async () => {
    await world?.stop();
  });

  it('files once: 202, the pipeline submits, the receipt verifies, a replay answers the same', async () => {
    const body = newBody();
    const token = await approvedToken(world, 'a', approverA, body);
    const key = newKey();
    const response = await execute(world, 'a', body, { key, token });
    expect(response.status).toBe(202);
    const accepted = await readJson(response);
    expect(response.headers.get('location')).toBe(`/api/v1/actions/${accepted.action_id}`);

    const action = ActionViewSchema.parse(await settled(world, 'a', accepted.action_id));
    expect(action).toMatchObject({ status: 'submitted', orgnr: ORG, type: 'mva_melding', error: null });
    expect(action.altinn_instance_id).toEqual(expect.any(String));
    expect(action.history.map((h) => h.status)).toEqual(expect.arrayContaining(['queued', 'submitted']));
    expect(action.receipt?.envelope).toMatchObject({
      action_id: accepted.action_id,
      orgnr: ORG,
      payload_hash: action.payload_hash,
      altinn_instance_id: action.altinn_instance_id,
    });

    const verified = await world.api('a', '/api/v1/receipts/verify', action.receipt);
    expect(ReceiptVerificationSchema.parse(await readJson(verified))).toMatchObject({ valid: true });
    const tampered = { ...action.receipt, envelope: { ...action.receipt!.envelope, orgnr: '999999999' } };
    expect((await readJson(await world.api('a', '/api/v1/receipts/verify', tampered))).valid).toBe(false);

    const replay = await execute(world, 'a', body, { key, token });
    expect(replay.status).toBe(202);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await readJson(replay)).action_id).toBe(accepted.action_id);

    const reference = action.receipt!.envelope.payload_hash;
    expect(reference).toHaveLength(64);
    const ledger = (await submissionsOf(world, ORG)).filter(
      (s: Json) => s.instance_id === action.altinn_instance_id,
    );
    expect(ledger).toHaveLength(1);

    // the same key with another body is refused; the token cannot be used twice
    await expectProblem(await execute(world, 'a', newBody(), { key, token }), 422, 'idempotency_key_reused');
    await expectProblem(
      await execute(world, 'a', body, { key: newKey(), token }),
      403,
      'approval_token_used',
    );
  });

  it('refuses an approval token for another payload, another org, another account, or past its time', async () => {
    const body = newBody();
    const token = await approvedToken(world, 'a', approverA, body);
    await expectProblem(
      await execute(world, 'a', newBody(), { key: newKey(), token }),
      403,
      'approval_token_payload_mismatch',
    );
    await expectProblem(
      await execute(world, 'b', body, { key: newKey(), token }),
      403,
      'approval_token_wrong_account',
    );

    const expiring = newBody();
    const expiringToken = await approvedToken(world, 'a', approverA, expiring);
    await sql(
      world,
      `UPDATE approval_requests SET token_expires_at = now() - interval '1 second' WHERE payload_hash = $1`,
      [(await dryRunJson(world, 'a', expiring)).payload_hash],
    );
    await expectProblem(
      await execute(world, 'a', expiring, { key: newKey(), token: expiringToken }),
      403,
      'approval_token_expired',
    );
    await expectProblem(
      await execute(world, 'a', body, { key: newKey(), token: `${token.slice(0, -2)}xx` }),
      403,
      'approval_token_invalid',
    );
    // the original is still good for its own payload: refusals never consume it
    expect((await execute(world, 'a', body, { key: newKey(), token })).status).toBe(202);
  });

  it('an API key alone can never mint an approval token', async () => {
    const result = await dryRunJson(world, 'a', newBody());
    const response = await fetch(
      `${world.stack.gatewayUrl}/api/v1/approvals/${result.approval_request.id}/approve`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${world.accounts.a.key}`, origin: world.stack.gatewayUrl },
      },
    );
    expect(response.status).toBe(401);
    // and another account's approver cannot approve it
    expect((await approve(world, approverB, result.approval_request.id)).status).toBe(404);
  });

  it('requires both headers and answers concurrent duplicates with 409 or the same action', async () => {
    await expectProblem(await execute(world, 'a', newBody(), { token: 'x' }), 400, 'idempotency_key_missing');
    await expectProblem(
      await execute(world, 'a', newBody(), { key: 'short', token: 'x' }),
      400,
      'idempotency_key_malformed',
    );
    await expectProblem(
      await execute(world, 'a', newBody(), { key: newKey() }),
      400,
      'approval_token_missing',
    );

    const body = newBody();
    const token = await approvedToken(world, 'a', approverA, body);
    const key = newKey();
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => execute(world, 'a', body, { key, token })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 202 || s === 409)).toBe(true);
    const ids = new Set(
      await Promise.all(
        responses.filter((r) => r.status === 202).map(async (r) => (await readJson(r)).action_id),
      ),
    );
    expect(ids.size).toBe(1);
    const rows = await sql(world, `SELECT count(*)::int AS n FROM actions WHERE idempotency_key = $1`, [key]);
    expect(rows[0].n).toBe(1);
  });

  it('refuses the live call when the delegation was revoked after the dry run, and files nothing', async () => {
    const body = newBody();
    const token = await approvedToken(world, 'b', approverB, body);
    const userOfB = await world.systemUserOf('b', ORG);
    expect((await world.control('DELETE', `altinn/system-users/${userOfB.id}`)).status).toBe(204);
    await expectProblem(await execute(world, 'b', body, { key: newKey(), token }), 403, 'delegation_revoked');
    const reference = /<regnskapssystemsreferanse>([^<]+)</.exec(body.payload)![1];
    const filed = (await submissionsOf(world, ORG)).filter(
      (s: Json) => s.regnskapssystemsreferanse === reference,
    );
    expect(filed).toHaveLength(0);
  });

  it('keeps actions to their account', async () => {
    const body = newBody();
    const token = await approvedToken(world, 'a', approverA, body);
    const { action_id } = await readJson(await execute(world, 'a', body, { key: newKey(), token }));
    await expectProblem(await world.api('b', `/api/v1/actions/${action_id}`), 404, 'action_not_found');
    expect((await settled(world, 'a', action_id)).status).toBe('submitted');
  });
});
