import { testInfrastructure } from '@apier/testing';
import { randomUUID } from 'node:crypto';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { expectProblem } from './support/expect-problem';
import { readJson } from './support/read-json';
import { ApproverWorld, type Json } from './support/approver-world';

jest.setTimeout(60_000);

const BODY = { type: 'mva_melding', orgnr: '999999999', payload: '<mvaMeldingDto/>' };
const OTHER_BODY = { ...BODY, payload: '<mvaMeldingDto>edited</mvaMeldingDto>' };
const TOKEN = `apier_approval_${'A'.repeat(43)}`;
const isReady = (line: Record<string, unknown>) =>
  typeof line['msg'] === 'string' && /ready$/.test(line['msg'] as string);

/**
 * conventions §1 through the real gateway and filing service on `POST /api/v1/actions/execute`.
 * The registry and the auth-broker are played by this test over NATS: the registry slow on purpose,
 * so a request's handler visibly runs (one registry question per run) and stays busy long enough
 * to be raced; the auth-broker knows no delegation, so a run ends in a final refusal.
 */
describe('Idempotency-Key decision table over HTTP', () => {
  let world: ApproverWorld;
  let a: { id: string; key: string };
  let b: { id: string; key: string };
  let nc: NatsConnection;
  let registryQuestions = 0;
  let registryDelayMs = 0;

  beforeAll(async () => {
    world = await ApproverWorld.start(['gateway', 'filing']);
    [a, b] = [await world.account('Regnskap A'), await world.account('Regnskap B')];
    nc = await connect({ servers: testInfrastructure().natsUrl });
    const codec = JSONCodec();
    nc.subscribe(`${world.stack.token}.apier.auth.delegation.confirm`, {
      callback: (_err, msg) =>
        msg.respond(
          codec.encode({
            ok: false,
            error: { code: 'delegation_not_found', message: 'No delegation', retryable: false },
          }),
        ),
    });
    nc.subscribe(`${world.stack.token}.apier.registry.company-context`, {
      callback: (_err, msg) => {
        registryQuestions++;
        setTimeout(
          () =>
            msg.respond(
              codec.encode({
                ok: false,
                error: { code: 'company_not_found', message: 'No such company', retryable: false },
              }),
            ),
          registryDelayMs,
        );
      },
    });
    await nc.flush();
  }, 120_000);
  afterAll(async () => {
    await nc?.drain();
    await world?.stop();
  });

  const execute = (key: string | undefined, body: Json, who = a, token: string | null = TOKEN) =>
    world.post('/api/v1/actions/execute', body, {
      authorization: `Bearer ${who.key}`,
      ...(key !== undefined ? { 'idempotency-key': key } : {}),
      ...(token !== null ? { 'approval-token': token } : {}),
    });
  const record = async (key: string, accountId = a.id) =>
    (
      await world.sql('SELECT * FROM idempotency_records WHERE key = $1 AND account_id = $2', [
        key,
        accountId,
      ])
    )[0];

  it('refuses a missing or malformed key with 400 before doing anything', async () => {
    const before = registryQuestions;
    await expectProblem(await execute(undefined, BODY), 400, 'idempotency_key_missing');
    await expectProblem(await execute('"too-short"', BODY), 400, 'idempotency_key_malformed');
    await expectProblem(
      await execute(`"${randomUUID()}", "${randomUUID()}"`, BODY),
      400,
      'idempotency_key_malformed',
    );
    expect(registryQuestions).toBe(before);
    expect(await world.sql('SELECT count(*)::int AS n FROM idempotency_records')).toEqual([{ n: 0 }]);
  });

  it('stores a final refusal and replays it; another payload under the key is 422; another account is apart', async () => {
    const key = randomUUID();
    const first = await expectProblem(
      await execute(`"${key}"`, BODY, a, null),
      400,
      'approval_token_missing',
    );
    expect(first.idempotent_replayed).toBeUndefined();
    const replay = await expectProblem(await execute(key, BODY, a, null), 400, 'approval_token_missing');
    expect(replay).toMatchObject({ idempotent_replayed: true, detail: first.detail });
    expect(await record(key)).toMatchObject({
      method: 'POST',
      route: '/api/v1/actions/execute',
      response_status: 400,
    });

    await expectProblem(await execute(`"${key}"`, OTHER_BODY, a, null), 422, 'idempotency_key_reused');
    // Member order is not a different payload.
    const reordered = { payload: BODY.payload, orgnr: BODY.orgnr, type: BODY.type };
    expect((await readJson(await execute(`"${key}"`, reordered, a, null))).idempotent_replayed).toBe(true);

    const theirs = await expectProblem(
      await execute(`"${key}"`, OTHER_BODY, b, null),
      400,
      'approval_token_missing',
    );
    expect(theirs.idempotent_replayed).toBeUndefined();
    expect(await record(key, b.id)).toBeDefined();
  });

  it('lets one of ten concurrent requests run; the others get 409 with Retry-After', async () => {
    const key = randomUUID();
    registryDelayMs = 1_500;
    const before = registryQuestions;
    const responses = await Promise.all(Array.from({ length: 10 }, () => execute(`"${key}"`, BODY)));
    const busy = responses.filter((r) => r.status === 409);
    expect(busy).toHaveLength(9);
    for (const response of busy) {
      await expectProblem(response, 409, 'idempotency_request_in_progress');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    const answered = await readJson(responses.find((r) => r.status !== 409)!);
    registryDelayMs = 0;
    // A final refusal of the preflight (no delegation), not a 409 and not a transient 5xx.
    expect(answered.status).toBeGreaterThanOrEqual(400);
    expect(answered.status).toBeLessThan(500);
    expect(answered.code).not.toBe('idempotency_request_in_progress');
    expect(registryQuestions - before).toBe(1);
    // The first request's answer is what a retry now gets, without a second run.
    const again = await expectProblem(await execute(`"${key}"`, BODY), answered.status, answered.code);
    expect(again).toMatchObject({ idempotent_replayed: true, detail: answered.detail });
    expect(registryQuestions - before).toBe(1);
  });

  it('releases the key when the filing service is down, so the retry runs once it is back', async () => {
    const key = randomUUID();
    const filing = world.stack.app('filing');
    await filing.stop();
    const down = await execute(`"${key}"`, BODY);
    await expectProblem(down, 503, 'service_unavailable');
    expect(await record(key)).toMatchObject({ locked_until: null, response_status: null });

    const from = filing.logs.length;
    filing.start();
    await filing.waitForLog(isReady, from);
    const before = registryQuestions;
    const retried = await readJson(await execute(`"${key}"`, BODY));
    expect(retried.status).toBeLessThan(500);
    expect(retried.idempotent_replayed).toBeUndefined();
    expect(registryQuestions - before).toBe(1);
    // Still bound to the first payload.
    await expectProblem(await execute(`"${key}"`, OTHER_BODY), 422, 'idempotency_key_reused');
  });
});
