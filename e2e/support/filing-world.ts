import { Client } from 'pg';
import { osloToday } from '@apier/mva';
import { DelegationWorld, eventually, type Json, type Who } from './delegation-world';
import { readJson } from './read-json';

export const VAT_PACKAGE = 'urn:altinn:accesspackage:merverdiavgift';

/** Onboards `who` for `orgnr`: request, the company's human approves, the reconciler activates. */
export async function onboard(
  world: DelegationWorld,
  who: Who,
  orgnr: string,
  packages = [VAT_PACKAGE],
): Promise<Json> {
  const created = await world.request(who, orgnr, packages);
  const decided = await world.decideOnConfirmPage(created.confirm_url, 'approve');
  if (decided.status !== 200) throw new Error(`confirm page answered ${decided.status}`);
  const listed = await eventually(
    () => world.list(who, orgnr),
    (l: Json) => l.delegations.some((d: Json) => d.id === created.id && d.status === 'active'),
  );
  return listed.delegations.find((d: Json) => d.id === created.id);
}

/** govsim's Skatteetaten takes the same "today" as Apier (its world clock is fixed otherwise). */
export async function alignGovsimClock(world: DelegationWorld): Promise<void> {
  const response = await world.control('PUT', 'mva-validation/settings', { today: osloToday() });
  if (!response.ok) throw new Error(`govsim clock: ${response.status}`);
}

export async function dryRun(world: DelegationWorld, who: Who | string, body: Json): Promise<Response> {
  return world.api(who, '/api/v1/actions/execute?dry_run=true', body);
}

export const checkOf = (result: Json, check: string): Json =>
  result.checks.find((c: Json) => c.check === check);

export async function dryRunJson(world: DelegationWorld, who: Who, body: Json): Promise<Json> {
  const response = await dryRun(world, who, body);
  if (response.status !== 200)
    throw new Error(`dry run answered ${response.status}: ${await response.text()}`);
  return readJson(response);
}

export interface ApproverSession {
  cookie: string;
  csrf: string;
}

/** An approver of `who`'s account, created by the operator CLI and signed in through the gateway. */
export async function signInApprover(world: DelegationWorld, who: Who): Promise<ApproverSession> {
  const email = `approver-${who}-${Date.now()}@example.no`;
  const created = await world.cli([
    'approvers',
    'create',
    '--account',
    world.accounts[who].id,
    '--email',
    email,
    '--name',
    `Approver ${who}`,
  ]);
  const response = await fetch(`${world.stack.gatewayUrl}/approvals/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: world.stack.gatewayUrl },
    body: JSON.stringify({ email, password: created.password, account_id: world.accounts[who].id }),
  });
  if (response.status !== 200) throw new Error(`approver sign-in answered ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrf_token } = await readJson(response);
  return { cookie, csrf: csrf_token };
}

/** The approver approves one request; the token is shown to them once. */
export async function approve(
  world: DelegationWorld,
  session: ApproverSession,
  approvalRequestId: string,
): Promise<Response> {
  return fetch(`${world.stack.gatewayUrl}/api/v1/approvals/${approvalRequestId}/approve`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, origin: world.stack.gatewayUrl },
  });
}

/** The live call as a customer's code makes it. */
export function execute(
  world: DelegationWorld,
  who: Who,
  body: Json,
  headers: { key?: string; token?: string },
): Promise<Response> {
  return fetch(`${world.stack.gatewayUrl}/api/v1/actions/execute`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${world.accounts[who].key}`,
      'content-type': 'application/json',
      ...(headers.key !== undefined ? { 'idempotency-key': `"${headers.key}"` } : {}),
      ...(headers.token !== undefined ? { 'approval-token': headers.token } : {}),
    },
    body: JSON.stringify(body),
  });
}

/** Dry run, then approval by a signed-in approver: the token the live call needs. */
export async function approvedToken(
  world: DelegationWorld,
  who: Who,
  session: ApproverSession,
  body: Json,
): Promise<string> {
  const result = await dryRunJson(world, who, body);
  if (!result.approval_request) throw new Error(`dry run blocked: ${JSON.stringify(result.checks)}`);
  const response = await approve(world, session, result.approval_request.id);
  if (response.status !== 201) throw new Error(`approve answered ${response.status}`);
  return (await readJson(response)).approval_token;
}

/** The submissions govsim's Skatteetaten received for an org (the exactly-once ledger). */
export async function submissionsOf(world: DelegationWorld, orgnr: string): Promise<Json[]> {
  return (await readJson(await world.control('GET', `altinn-apps/submissions?orgnr=${orgnr}`))).submissions;
}

export async function actionOf(world: DelegationWorld, who: Who, id: string): Promise<Json> {
  return readJson(await world.api(who, `/api/v1/actions/${id}`));
}

export async function settled(world: DelegationWorld, who: Who, id: string): Promise<Json> {
  return eventually(
    () => actionOf(world, who, id),
    (a: Json) => !['queued', 'running'].includes(a.status),
  );
}

/** A statement against this stack's own schema, for what a test must arrange or count in the database. */
export async function sql(world: DelegationWorld, text: string, params: unknown[] = []): Promise<Json[]> {
  const client = new Client({ connectionString: world.stack.db.url });
  await client.connect();
  try {
    await client.query(`SET search_path TO "${world.stack.db.schema}"`);
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}
