import { type ApierError } from '@apier/contracts';
import { createPrismaClient, type PrismaClient } from '@apier/db';
import { createLogger } from '@apier/platform';
import { createIsolatedSchema, type IsolatedSchema, runToken, testInfrastructure } from '@apier/testing';
import { Redis } from 'ioredis';
import { FixedWindowLimiter } from '../rate-limit/fixed-window-limiter';
import { dummyPasswordHash } from './approver-password';
import { ApproverRepository } from './approver.repository';
import { hashSessionToken } from './approver-session-token';
import { ApproverSessions, SESSION_TTL_SECONDS } from './approver-sessions';
import { ApproversAdmin } from './approvers-admin';

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: ApierError) => error,
  );

/** Approver sign-in, sessions and CSRF tokens on real Postgres and Redis. */
describe('approver sign-in and sessions', () => {
  let db: IsolatedSchema;
  let prisma: PrismaClient;
  let redis: Redis;
  let repository: ApproverRepository;
  let admin: ApproversAdmin;
  let sessions: ApproverSessions;
  let clock: Date;
  let accountA: string;
  let accountB: string;
  let address = 0;
  // Each case signs in from its own address, so the rate limit only counts where it is tested.
  const nextAddress = () => `10.0.0.${++address}`;

  beforeAll(async () => {
    db = await createIsolatedSchema();
    prisma = createPrismaClient({ url: db.url, schema: db.schema, poolSize: 6 });
    redis = new Redis(testInfrastructure().redisUrl, { keyPrefix: `${runToken()}:` });
    repository = new ApproverRepository(prisma);
    clock = new Date('2026-11-25T08:00:00.000Z');
    admin = new ApproversAdmin(repository, () => clock);
    sessions = new ApproverSessions({
      repository,
      limiter: new FixedWindowLimiter(redis, { name: 'approver-sign-in', limit: 3, windowSeconds: 60 }),
      csrfSecret: 'spec-secret-0123456789-0123456789',
      dummyPasswordHash: dummyPasswordHash(),
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
    redis?.disconnect();
    await prisma?.$disconnect();
    await db?.drop();
  });

  it('creates approvers with a normalised email and no readable password, and lists them without hashes', async () => {
    const created = await admin.create({ accountId: accountA, email: ' Kari@Regnskap.NO ', name: 'Kari' });
    expect(created).toMatchObject({ generated: true, approver: { email: 'kari@regnskap.no', name: 'Kari' } });
    expect(created.password).toHaveLength(27);
    const row = await prisma.approver.findUniqueOrThrow({ where: { id: created.approver.id } });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(row.passwordHash).not.toContain(created.password);
    const listed = await admin.list(accountA);
    expect(listed).toEqual([created.approver]);
    expect(JSON.stringify(listed)).not.toContain('scrypt');
  });

  it('refuses a bad email, a short password, an unknown account and a duplicate', async () => {
    expect(await refusal(admin.create({ accountId: accountA, email: 'nope', name: 'X' }))).toMatchObject({
      code: 'validation_failed',
    });
    expect(
      await refusal(admin.create({ accountId: accountA, email: 'x@y.no', name: 'X', password: 'short' })),
    ).toMatchObject({ code: 'validation_failed' });
    expect(
      await refusal(
        admin.create({ accountId: '00000000-0000-4000-8000-000000000000', email: 'x@y.no', name: 'X' }),
      ),
    ).toMatchObject({ code: 'not_found' });
    await admin.create({ accountId: accountA, email: 'dup@y.no', name: 'X' });
    expect(await refusal(admin.create({ accountId: accountA, email: 'DUP@y.no', name: 'Y' }))).toMatchObject({
      code: 'validation_failed',
    });
  });

  it('signs in with the right password, stores only the session hash and records the sign-in', async () => {
    const { approver } = await admin.create({
      accountId: accountA,
      email: 'ola@regnskap.no',
      name: 'Ola',
      password: 'a long enough password',
    });
    const signedIn = await sessions.signIn({
      email: 'OLA@regnskap.no',
      password: 'a long enough password',
      address: nextAddress(),
    });
    expect(signedIn.token).toMatch(/^apier_session_[A-Za-z0-9_-]{43}$/);
    expect(signedIn.identity).toMatchObject({
      approverId: approver.id,
      accountId: accountA,
      expiresAt: new Date(clock.getTime() + SESSION_TTL_SECONDS * 1000),
    });
    const row = await prisma.approverSession.findUniqueOrThrow({
      where: { id: signedIn.identity.sessionId },
    });
    expect(row.tokenHash).toBe(hashSessionToken(signedIn.token));
    expect(await sessions.resolve(signedIn.token)).toEqual(signedIn.identity);
    const audit = await prisma.auditEntry.findMany({ where: { actor: `approver:${approver.id}` } });
    expect(audit).toEqual([expect.objectContaining({ event: 'approver.signed_in', accountId: accountA })]);
  });

  it('answers one generic refusal for a wrong password, an unknown email and a disabled approver', async () => {
    const { approver } = await admin.create({
      accountId: accountA,
      email: 'per@regnskap.no',
      name: 'Per',
      password: 'per has a password',
    });
    const attempts = [
      { email: 'per@regnskap.no', password: 'not his password' },
      { email: 'nobody@regnskap.no', password: 'per has a password' },
      { email: '', password: '' },
    ];
    const refusals = await Promise.all(
      attempts.map((a) => refusal(sessions.signIn({ ...a, address: nextAddress() }))),
    );
    await admin.disable(approver.id);
    refusals.push(
      await refusal(
        sessions.signIn({ email: 'per@regnskap.no', password: 'per has a password', address: nextAddress() }),
      ),
    );
    for (const error of refusals) {
      expect(error).toMatchObject({
        code: 'approver_sign_in_failed',
        message: 'The email address or the password is not correct',
      });
    }
  });

  it('rate-limits attempts per address and email, whether or not the password is right', async () => {
    await admin.create({
      accountId: accountA,
      email: 'lise@regnskap.no',
      name: 'Lise',
      password: 'lise has a password',
    });
    const from = nextAddress();
    for (let i = 0; i < 3; i++) {
      await refusal(sessions.signIn({ email: 'lise@regnskap.no', password: 'guess', address: from }));
    }
    expect(
      await refusal(
        sessions.signIn({ email: 'lise@regnskap.no', password: 'lise has a password', address: from }),
      ),
    ).toMatchObject({ code: 'rate_limited', details: { retry_after_seconds: expect.any(Number) } });
    // Another address still gets in.
    await expect(
      sessions.signIn({ email: 'lise@regnskap.no', password: 'lise has a password', address: nextAddress() }),
    ).resolves.toMatchObject({ identity: { email: 'lise@regnskap.no' } });
  });

  it('ends sessions on sign-out, on expiry and when the approver or account is disabled', async () => {
    const { approver } = await admin.create({
      accountId: accountB,
      email: 'eva@b.no',
      name: 'Eva',
      password: 'eva has a password',
    });
    const signIn = () =>
      sessions.signIn({ email: 'eva@b.no', password: 'eva has a password', address: nextAddress() });

    const first = await signIn();
    await sessions.signOut(first.token);
    expect(await sessions.resolve(first.token)).toBeNull();

    const second = await signIn();
    clock = new Date(clock.getTime() + SESSION_TTL_SECONDS * 1000);
    expect(await sessions.resolve(second.token)).toBeNull();

    const third = await signIn();
    await prisma.account.update({ where: { id: accountB }, data: { disabledAt: clock } });
    expect(await sessions.resolve(third.token)).toBeNull();
    await prisma.account.update({ where: { id: accountB }, data: { disabledAt: null } });
    expect(await sessions.resolve(third.token)).not.toBeNull();
    await admin.disable(approver.id);
    expect(await sessions.resolve(third.token)).toBeNull();

    for (const junk of [undefined, '', 'apier_session_short', hashSessionToken(third.token)]) {
      expect(await sessions.resolve(junk)).toBeNull();
    }
  });

  it('tells apart the accounts of one email by password, or by account id when both match', async () => {
    await admin.create({
      accountId: accountA,
      email: 'shared@x.no',
      name: 'S-A',
      password: 'password of A here',
    });
    await admin.create({
      accountId: accountB,
      email: 'shared@x.no',
      name: 'S-B',
      password: 'password of B here',
    });
    const inB = await sessions.signIn({
      email: 'shared@x.no',
      password: 'password of B here',
      address: nextAddress(),
    });
    expect(inB.identity.accountId).toBe(accountB);

    await admin.create({
      accountId: accountA,
      email: 'twin@x.no',
      name: 'T-A',
      password: 'the same password',
    });
    await admin.create({
      accountId: accountB,
      email: 'twin@x.no',
      name: 'T-B',
      password: 'the same password',
    });
    expect(
      await refusal(
        sessions.signIn({ email: 'twin@x.no', password: 'the same password', address: nextAddress() }),
      ),
    ).toMatchObject({ code: 'approver_sign_in_failed' });
    const chosen = await sessions.signIn({
      email: 'twin@x.no',
      password: 'the same password',
      accountId: accountA,
      address: nextAddress(),
    });
    expect(chosen.identity.accountId).toBe(accountA);
  });

  it('gives every session its own CSRF token and accepts only that one', async () => {
    await admin.create({
      accountId: accountA,
      email: 'csrf@a.no',
      name: 'C',
      password: 'csrf has a password',
    });
    const signIn = () =>
      sessions.signIn({ email: 'csrf@a.no', password: 'csrf has a password', address: nextAddress() });
    const [one, two] = [await signIn(), await signIn()];
    expect(one.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(one.csrfToken).not.toBe(two.csrfToken);
    expect(() => sessions.checkCsrf(one.identity, one.csrfToken)).not.toThrow();
    for (const wrong of [two.csrfToken, undefined, '', one.csrfToken.slice(1), ['x'], one.token]) {
      expect(() => sessions.checkCsrf(one.identity, wrong)).toThrow(
        expect.objectContaining({ code: 'csrf_rejected' }),
      );
    }
  });
});
