import { ApierError } from '@apier/contracts';
import { createPrismaClient, type PrismaClient } from '@apier/db';
import { createLogger } from '@apier/platform';
import { createIsolatedSchema, type IsolatedSchema } from '@apier/testing';
import { randomUUID } from 'node:crypto';
import { IdempotencyRecords } from './idempotency-records';
import { requestFingerprint } from './request-fingerprint';
import { type HandlerResult, IDEMPOTENCY_RETENTION_SECONDS, IdempotencyService } from './idempotency.service';

const ROUTE = '/api/v1/actions/execute';
const LOCK_SECONDS = 30;

const outcomeOf = (promise: Promise<unknown>) =>
  promise.then(
    (value) => value,
    (error: unknown) => error,
  );

/** conventions §1: the decision table of the Idempotency-Key draft, on real Postgres. */
describe('Idempotency-Key decision table (real Postgres)', () => {
  let db: IsolatedSchema;
  let prisma: PrismaClient;
  let service: IdempotencyService;
  let clock: Date;
  let accountA: string;
  let accountB: string;

  beforeAll(async () => {
    db = await createIsolatedSchema();
    prisma = createPrismaClient({ url: db.url, schema: db.schema, poolSize: 16 });
    clock = new Date('2026-11-25T12:00:00.000Z');
    service = new IdempotencyService(new IdempotencyRecords(prisma), {
      lockSeconds: LOCK_SECONDS,
      retentionSeconds: IDEMPOTENCY_RETENTION_SECONDS,
      logger: createLogger('spec', 'silent'),
      now: () => clock,
    });
    [accountA, accountB] = (
      await Promise.all([
        prisma.account.create({ data: { name: 'A' } }),
        prisma.account.create({ data: { name: 'B' } }),
      ])
    ).map((a) => a.id);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });

  const advance = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));
  const newKey = () => `"${randomUUID()}"`;

  /** A handler that counts its runs and answers 202 with the run number. */
  function counting(
    answer: (run: number) => Promise<HandlerResult> = async (run) => ({ status: 202, body: { run } }),
  ) {
    const calls: string[] = [];
    const handler = (key: string) => {
      calls.push(key);
      return answer(calls.length);
    };
    return { calls, handler };
  }

  const run = (
    rawKey: string | undefined,
    body: unknown,
    handler: (key: string) => Promise<HandlerResult>,
    accountId = accountA,
  ) => service.run({ accountId, method: 'POST', routeTemplate: ROUTE, rawKey, body }, handler);

  it('runs a new key once and stores its answer with the key’s scope and fingerprint', async () => {
    const key = newKey();
    const { calls, handler } = counting();
    expect(await run(key, { orgnr: '999999999' }, handler)).toEqual({
      status: 202,
      body: { run: 1 },
      replayed: false,
    });
    expect(calls).toEqual([key.slice(1, -1)]);
    const record = await prisma.idempotencyRecord.findFirstOrThrow({ where: { key: key.slice(1, -1) } });
    expect(record).toMatchObject({
      accountId: accountA,
      method: 'POST',
      route: ROUTE,
      lockedUntil: null,
      responseStatus: 202,
      responseBody: { run: 1 },
      expiresAt: new Date(clock.getTime() + IDEMPOTENCY_RETENTION_SECONDS * 1000),
    });
  });

  it('replays the stored answer for the same key and payload, quoted or bare, without running again', async () => {
    const key = newKey();
    const { calls, handler } = counting();
    await run(key, { a: 1, b: 2 }, handler);
    expect(await run(key.slice(1, -1), { b: 2, a: 1 }, handler)).toEqual({
      status: 202,
      body: { run: 1 },
      replayed: true,
    });
    expect(calls).toHaveLength(1);
  });

  it('refuses the same key with a different payload (422) and never runs it', async () => {
    const key = newKey();
    const { calls, handler } = counting();
    await run(key, { amount: 100 }, handler);
    expect(await outcomeOf(run(key, { amount: 101 }, handler))).toMatchObject({
      code: 'idempotency_key_reused',
    });
    expect(calls).toHaveLength(1);
  });

  it('keeps accounts apart: the same key in another account is a new request', async () => {
    const key = newKey();
    const a = counting();
    const b = counting(async () => ({ status: 202, body: { account: 'B' } }));
    await run(key, { x: 1 }, a.handler, accountA);
    expect(await run(key, { x: 2 }, b.handler, accountB)).toEqual({
      status: 202,
      body: { account: 'B' },
      replayed: false,
    });
    expect(await run(key, { x: 1 }, a.handler, accountA)).toMatchObject({ body: { run: 1 }, replayed: true });
  });

  it('answers 409 with a retry hint while the first request still runs', async () => {
    const key = newKey();
    let finish!: () => void;
    const first = run(
      key,
      {},
      () => new Promise((resolve) => (finish = () => resolve({ status: 202, body: {} }))),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await outcomeOf(run(key, {}, counting().handler));
    expect(second).toMatchObject({
      code: 'idempotency_request_in_progress',
      details: { retry_after_seconds: 5 },
    });
    finish();
    await first;
    expect(await run(key, {}, counting().handler)).toMatchObject({ replayed: true });
  });

  it('lets exactly one of ten concurrent requests with one key run the handler', async () => {
    const key = newKey();
    const { calls, handler } = counting(async (n) => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      return { status: 202, body: { run: n } };
    });
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => outcomeOf(run(key, { same: true }, handler))),
    );
    expect(calls).toHaveLength(1);
    const fresh = outcomes.filter((o) => !(o instanceof Error) && !(o as { replayed: boolean }).replayed);
    expect(fresh).toHaveLength(1);
    for (const other of outcomes.filter((o) => o !== fresh[0])) {
      // Either refused while the winner ran, or (if it came late) answered from the store.
      if (other instanceof ApierError) expect(other.code).toBe('idempotency_request_in_progress');
      else expect(other).toEqual({ status: 202, body: { run: 1 }, replayed: true });
    }
  });

  it('stores a final 4xx refusal and replays it as the same problem', async () => {
    const key = newKey();
    const { calls, handler } = counting(async () => {
      throw new ApierError('approval_token_used', 'The approval token has already been used', {
        details: { hint: 'approve again' },
      });
    });
    expect(await outcomeOf(run(key, {}, handler))).toMatchObject({ code: 'approval_token_used' });
    const replayed = await outcomeOf(run(key, {}, handler));
    expect(replayed).toBeInstanceOf(ApierError);
    expect(replayed).toMatchObject({
      code: 'approval_token_used',
      message: 'The approval token has already been used',
      details: { hint: 'approve again', idempotent_replayed: true },
    });
    expect(calls).toHaveLength(1);
  });

  it.each([
    ['a 5xx', () => new ApierError('service_unavailable', 'filing is down')],
    ['a timeout (outcome unknown)', () => new ApierError('timeout', 'no answer')],
    ['a retryable 4xx', () => new ApierError('rate_limited', 'slow down')],
    ['an unexpected error', () => new Error('socket hang up')],
  ])('releases the key after %s so a retry runs the handler again', async (_name, failure) => {
    const key = newKey();
    const { calls, handler } = counting(async (n) => {
      if (n === 1) throw failure();
      return { status: 202, body: { run: n } };
    });
    expect(await outcomeOf(run(key, {}, handler))).toBeInstanceOf(Error);
    const record = await prisma.idempotencyRecord.findFirstOrThrow({ where: { key: key.slice(1, -1) } });
    expect(record).toMatchObject({ lockedUntil: null, responseStatus: null });
    expect(await run(key, {}, handler)).toEqual({ status: 202, body: { run: 2 }, replayed: false });
    expect(calls).toHaveLength(2);
    // …but still bound to the first payload.
    expect(await outcomeOf(run(key, { other: true }, handler))).toMatchObject({
      code: 'idempotency_key_reused',
    });
  });

  it('takes over the lock of a request that died, once the lock lapses', async () => {
    const key = newKey();
    // A gateway that claimed the key and crashed: the lock is held and no answer follows.
    await prisma.idempotencyRecord.create({
      data: {
        accountId: accountA,
        method: 'POST',
        route: ROUTE,
        key: key.slice(1, -1),
        fingerprint: requestFingerprint('POST', ROUTE, {}),
        lockedUntil: new Date(clock.getTime() + LOCK_SECONDS * 1000),
        expiresAt: new Date(clock.getTime() + IDEMPOTENCY_RETENTION_SECONDS * 1000),
      },
    });
    const { calls, handler } = counting();
    expect(await outcomeOf(run(key, {}, handler))).toMatchObject({ code: 'idempotency_request_in_progress' });
    advance(LOCK_SECONDS);
    expect(await run(key, {}, handler)).toMatchObject({ status: 202, replayed: false });
    expect(calls).toHaveLength(1);
  });

  it('forgets a key after 24 hours and sweeps expired keys of every account', async () => {
    const key = newKey();
    const other = newKey();
    const { calls, handler } = counting();
    await run(key, { v: 1 }, handler);
    await run(other, { v: 1 }, handler, accountB);
    advance(IDEMPOTENCY_RETENTION_SECONDS + 61);
    // After the retention a different payload is a new request under the old key.
    expect(await run(key, { v: 2 }, handler)).toMatchObject({ body: { run: 3 }, replayed: false });
    expect(calls).toHaveLength(3);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the background sweep
    expect(await prisma.idempotencyRecord.count({ where: { key: other.slice(1, -1) } })).toBe(0);
  });

  it('refuses a missing or malformed key before touching storage', async () => {
    const before = await prisma.idempotencyRecord.count();
    const { calls, handler } = counting();
    expect(await outcomeOf(run(undefined, {}, handler))).toMatchObject({ code: 'idempotency_key_missing' });
    expect(await outcomeOf(run('"short"', {}, handler))).toMatchObject({ code: 'idempotency_key_malformed' });
    expect(calls).toHaveLength(0);
    expect(await prisma.idempotencyRecord.count()).toBe(before);
  });
});
