import { DelegationWorld, type Json, type Who } from './support/delegation-world';
import {
  actionOf,
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
} from './support/filing-world';
import { meldingXml, twoMonthTerms, validMelding } from './support/mva-melding';
import { readJson } from './support/read-json';
import { textTable } from './support/security/text-table';

const ORG = '315678420';
const { ended } = twoMonthTerms();
let counter = 0;
const newBody = (who: Who) => {
  counter += 1;
  return {
    type: 'mva_melding',
    orgnr: ORG,
    payload: meldingXml(validMelding(ORG, ended, `iso-${who}-${Date.now()}-${counter}`)),
  };
};
const newKey = (who: Who) =>
  `iso-${who}-${Date.now()}-${(counter += 1)}-${Math.random().toString(36).slice(2)}`;

/** Everything one account owns for the same org: the resources the other account must never reach. */
interface Tenant {
  who: Who;
  accountId: string;
  delegation: Json;
  systemUserId: string;
  approver: ApproverSession;
  /** A dry run's approval request nobody approved yet. */
  pending: { id: string; payloadHash: string };
  /** An approved, unused approval token and the request it was minted for. */
  unusedToken: { token: string; requestId: string; body: Json };
  filed: { body: Json; key: string; action: Json };
}

/** One attempt of the intruder on the owner's resource, with the owner's own access as the control. */
interface Attempt {
  endpoint: string;
  resource: string;
  run(
    owner: Tenant,
    intruder: Tenant,
  ): Promise<{ ownerSees: boolean; intruderGot: string; crossed: boolean }>;
}

describe('security: tenant isolation — two accounts onboarded for the same org never reach each other', () => {
  let world: DelegationWorld;
  const tenants = {} as Record<Who, Tenant>;

  const asApprover = (session: ApproverSession, path: string, init: RequestInit = {}) =>
    fetch(world.stack.gatewayUrl + path, {
      ...init,
      redirect: 'manual',
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
        origin: world.stack.gatewayUrl,
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  const asPage = (session: ApproverSession, path: string, form?: Record<string, string>) =>
    asApprover(session, path, {
      method: form ? 'POST' : 'GET',
      headers: {
        accept: 'text/html',
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
  const approvalStatus = async (owner: Tenant, id: string): Promise<string> =>
    (await readJson(await asApprover(owner.approver, `/api/v1/approvals/${id}`))).status;
  const isProblem = (response: Response) =>
    /^application\/problem\+json/.test(response.headers.get('content-type') ?? '');

  async function tenant(who: Who): Promise<Tenant> {
    const delegation = await onboard(world, who, ORG);
    const approver = await signInApprover(world, who);
    const body = newBody(who);
    const key = newKey(who);
    const token = await approvedToken(world, who, approver, body);
    const accepted = await execute(world, who, body, { key, token });
    if (accepted.status !== 202) throw new Error(`live filing answered ${accepted.status}`);
    const action = await settled(world, who, (await readJson(accepted)).action_id);
    const unusedBody = newBody(who);
    const unused = await dryRunJson(world, who, unusedBody);
    const minted = await approve(world, approver, unused.approval_request.id);
    if (minted.status !== 201) throw new Error(`approve answered ${minted.status}`);
    const pendingRun = await dryRunJson(world, who, newBody(who));
    return {
      who,
      accountId: world.accounts[who].id,
      delegation,
      systemUserId: (await world.systemUserOf(who, ORG)).id,
      approver,
      pending: { id: pendingRun.approval_request.id, payloadHash: pendingRun.payload_hash },
      unusedToken: {
        token: (await readJson(minted)).approval_token,
        requestId: unused.approval_request.id,
        body: unusedBody,
      },
      filed: { body, key, action },
    };
  }

  beforeAll(async () => {
    world = await DelegationWorld.start(['govsim', 'registry-sync', 'auth-broker', 'filing', 'gateway'], {
      DELEGATION_RECONCILE_SECONDS: '2',
      FILING_FEEDBACK_POLL_MS: '100',
      FILING_BACKOFF_BASE_MS: '50',
    });
    await alignGovsimClock(world);
    tenants.a = await tenant('a');
    tenants.b = await tenant('b');
  }, 240_000);
  afterAll(async () => {
    await world?.stop();
  });

  const ATTEMPTS: Attempt[] = [
    {
      endpoint: 'GET /api/v1/delegations/requests/{id}',
      resource: 'delegation',
      async run(owner, intruder) {
        const path = `/api/v1/delegations/requests/${owner.delegation.id}`;
        const mine = await world.api(owner.who, path);
        const theirs = await world.api(intruder.who, path);
        const text = await theirs.text();
        return {
          ownerSees: mine.status === 200 && (await readJson(mine)).id === owner.delegation.id,
          intruderGot: String(theirs.status),
          crossed: theirs.status !== 404 || !isProblem(theirs) || text.includes(owner.systemUserId),
        };
      },
    },
    {
      endpoint: 'GET /api/v1/company/{orgnr}/delegations',
      resource: 'delegation',
      async run(owner, intruder) {
        const mine = await world.list(owner.who, ORG);
        const theirs = await world.api(intruder.who, `/api/v1/company/${ORG}/delegations`);
        const text = await theirs.text();
        return {
          ownerSees: mine.delegations.some((d: Json) => d.id === owner.delegation.id),
          intruderGot: `${theirs.status}, ${JSON.parse(text).delegations.length} own`,
          crossed: text.includes(owner.delegation.id) || text.includes(owner.systemUserId),
        };
      },
    },
    {
      endpoint: 'GET /api/v1/company/{orgnr}/context (delegation)',
      resource: 'delegation state',
      async run(owner, intruder) {
        const read = async (who: Who) =>
          (await readJson(await world.api(who, `/api/v1/company/${ORG}/context`))).delegation.data;
        const [mine, theirs] = [await read(owner.who), await read(intruder.who)];
        return {
          ownerSees: mine.state === 'active' && mine.system_user_id === owner.systemUserId,
          intruderGot: `${theirs.state}, own system user`,
          crossed: theirs.system_user_id !== intruder.systemUserId,
        };
      },
    },
    {
      endpoint: 'GET /api/v1/company/{orgnr}/who-can-act',
      resource: 'delegation state',
      async run(owner, intruder) {
        const read = async (who: Who) =>
          (await readJson(await world.api(who, `/api/v1/company/${ORG}/who-can-act`))).system_user;
        const [mine, theirs] = [await read(owner.who), await read(intruder.who)];
        return {
          ownerSees: mine.system_user_id === owner.systemUserId,
          intruderGot: `${theirs.state}, own system user`,
          crossed: theirs.system_user_id !== intruder.systemUserId,
        };
      },
    },
    {
      endpoint: 'GET /api/v1/approvals/{id}',
      resource: 'approval request',
      async run(owner, intruder) {
        const path = `/api/v1/approvals/${owner.pending.id}`;
        const mine = await asApprover(owner.approver, path);
        const theirs = await asApprover(intruder.approver, path);
        const text = await theirs.text();
        return {
          ownerSees: mine.status === 200 && (await readJson(mine)).payload_hash === owner.pending.payloadHash,
          intruderGot: String(theirs.status),
          crossed: theirs.status !== 404 || !isProblem(theirs) || text.includes(owner.pending.payloadHash),
        };
      },
    },
    {
      endpoint: 'GET /api/v1/approvals',
      resource: 'approval request',
      async run(owner, intruder) {
        const mine = await readJson(await asApprover(owner.approver, '/api/v1/approvals'));
        const theirs = await asApprover(intruder.approver, '/api/v1/approvals');
        const text = await theirs.text();
        return {
          ownerSees: mine.approval_requests.some((r: Json) => r.id === owner.pending.id),
          intruderGot: `${theirs.status}, ${JSON.parse(text).approval_requests.length} own`,
          crossed: text.includes(owner.pending.id) || text.includes(owner.unusedToken.requestId),
        };
      },
    },
    {
      endpoint: 'POST /api/v1/approvals/{id}/approve',
      resource: 'approval request',
      async run(owner, intruder) {
        const theirs = await asApprover(intruder.approver, `/api/v1/approvals/${owner.pending.id}/approve`, {
          method: 'POST',
        });
        const text = await theirs.text();
        const status = await approvalStatus(owner, owner.pending.id);
        return {
          ownerSees: status === 'pending',
          intruderGot: `${theirs.status}, still ${status}`,
          crossed: theirs.status !== 404 || status !== 'pending' || /approval_token"\s*:/.test(text),
        };
      },
    },
    {
      endpoint: 'GET /approvals/{id} (page)',
      resource: 'approval request',
      async run(owner, intruder) {
        const mine = await asPage(owner.approver, `/approvals/${owner.pending.id}`);
        const theirs = await asPage(intruder.approver, `/approvals/${owner.pending.id}`);
        const text = await theirs.text();
        return {
          ownerSees: mine.status === 200 && (await mine.text()).includes(owner.pending.id),
          intruderGot: String(theirs.status),
          crossed: theirs.status !== 404 || text.includes(owner.pending.payloadHash),
        };
      },
    },
    {
      endpoint: 'GET /approvals (page)',
      resource: 'approval request',
      async run(owner, intruder) {
        const mine = await (await asPage(owner.approver, '/approvals')).text();
        const theirs = await asPage(intruder.approver, '/approvals');
        const text = await theirs.text();
        return {
          ownerSees: mine.includes(owner.pending.id),
          intruderGot: String(theirs.status),
          crossed: theirs.status !== 200 || text.includes(owner.pending.id),
        };
      },
    },
    {
      endpoint: 'POST /approvals/{id}/approve (form)',
      resource: 'approval request',
      async run(owner, intruder) {
        const theirs = await asPage(intruder.approver, `/approvals/${owner.pending.id}/approve`, {
          csrf_token: intruder.approver.csrf,
        });
        const status = await approvalStatus(owner, owner.pending.id);
        return {
          ownerSees: status === 'pending',
          intruderGot: `${theirs.status}, still ${status}`,
          crossed: theirs.status !== 404 || status !== 'pending',
        };
      },
    },
    {
      endpoint: 'GET /api/v1/actions/{id}',
      resource: 'action',
      async run(owner, intruder) {
        const id = owner.filed.action.id;
        const mine = await actionOf(world, owner.who, id);
        const theirs = await world.api(intruder.who, `/api/v1/actions/${id}`);
        const text = await theirs.text();
        return {
          ownerSees: mine.status === 'submitted',
          intruderGot: String(theirs.status),
          crossed:
            theirs.status !== 404 ||
            !isProblem(theirs) ||
            text.includes(owner.filed.action.altinn_instance_id),
        };
      },
    },
    {
      endpoint: 'POST /api/v1/actions/execute (approval token)',
      resource: 'approval token',
      async run(owner, intruder) {
        const { token, requestId, body } = owner.unusedToken;
        const theirs = await execute(world, intruder.who, body, { key: newKey(intruder.who), token });
        const problem = await readJson(theirs);
        const status = await approvalStatus(owner, requestId);
        return {
          ownerSees: status === 'approved',
          intruderGot: `${theirs.status} ${problem.code}`,
          crossed: theirs.status === 202 || status !== 'approved',
        };
      },
    },
    {
      endpoint: 'POST /api/v1/receipts/verify',
      resource: 'receipt',
      async run(owner, intruder) {
        const { receipt } = owner.filed.action;
        const mine = await readJson(await world.api(owner.who, '/api/v1/receipts/verify', receipt));
        const theirs = await readJson(await world.api(intruder.who, '/api/v1/receipts/verify', receipt));
        const text = JSON.stringify(theirs);
        // a public check: it must still verify, and answer nothing the receipt does not already hold
        const beyondReceipt =
          Object.keys(theirs).sort().join() !== 'key_id,reason,valid' ||
          theirs.key_id !== receipt.signature.key_id ||
          [owner.delegation.id, owner.systemUserId, owner.pending.id].some((id) => text.includes(id));
        return {
          ownerSees: mine.valid === true,
          intruderGot: `valid=${theirs.valid}, receipt fields only`,
          crossed: theirs.valid !== true || beyondReceipt,
        };
      },
    },
    {
      endpoint: 'POST /api/v1/actions/execute (Idempotency-Key)',
      resource: 'idempotency record',
      async run(owner, intruder) {
        const { body, key, action } = owner.filed;
        const token = await approvedToken(world, intruder.who, intruder.approver, body);
        const theirs = await execute(world, intruder.who, body, { key, token });
        const accepted = await readJson(theirs);
        const replayed = theirs.headers.get('idempotent-replayed');
        const records = await sql(
          world,
          `SELECT account_id, response_body FROM idempotency_records WHERE key = $1 ORDER BY created_at`,
          [key],
        );
        const ownerRecord = records.find((r: Json) => r.account_id === owner.accountId);
        if (theirs.status === 202) await settled(world, intruder.who, accepted.action_id);
        return {
          ownerSees: ownerRecord?.response_body?.action_id === action.id,
          intruderGot: `${theirs.status}, own action`,
          crossed:
            theirs.status !== 202 ||
            accepted.action_id === action.id ||
            replayed === 'true' ||
            records.length !== 2,
        };
      },
    },
  ];

  it('answers every cross-account read or action with nothing of the other account: 0 crossings', async () => {
    const rows: (string | number)[][] = [];
    let crossings = 0;
    let failedControls = 0;
    for (const [owner, intruder] of [
      [tenants.a, tenants.b],
      [tenants.b, tenants.a],
    ] as const) {
      for (const attempt of ATTEMPTS) {
        const outcome = await attempt.run(owner, intruder);
        if (outcome.crossed) crossings += 1;
        if (!outcome.ownerSees) failedControls += 1;
        rows.push([
          attempt.endpoint,
          attempt.resource,
          `${intruder.who.toUpperCase()} → ${owner.who.toUpperCase()}`,
          outcome.ownerSees ? 'yes' : 'NO',
          outcome.intruderGot,
          outcome.crossed ? 'CROSSED' : '0',
        ]);
      }
    }
    process.stdout.write(
      `\nTenant isolation matrix (${rows.length} attempts, ${crossings} crossings)\n${textTable(
        ['endpoint', 'resource', 'intruder → owner', 'owner sees it', 'intruder got', 'crossed'],
        rows,
      )}\n`,
    );
    expect(rows).toHaveLength(ATTEMPTS.length * 2);
    expect(failedControls).toBe(0);
    expect(crossings).toBe(0);
  }, 240_000);
});
