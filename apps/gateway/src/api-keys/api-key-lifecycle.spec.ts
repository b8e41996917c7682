import { createPrismaClient, type PrismaClient } from '@apier/db';
import { createLogger } from '@apier/platform';
import { createIsolatedSchema, type IsolatedSchema } from '@apier/testing';
import { AccountRepository } from './account.repository';
import { generateApiKey, hashApiKey } from './api-key-format';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeyService, type ApiKeyServiceOptions } from './api-key.service';

/** Accounts and keys against a real, migrated Postgres schema. */
describe('API key life cycle', () => {
  const pepper = 'lifecycle-spec-pepper-0123456789abcdef';
  let db: IsolatedSchema;
  let prisma: PrismaClient;
  let accounts: AccountRepository;
  let keys: ApiKeyRepository;
  let now: Date;

  const service = (overrides: Partial<ApiKeyServiceOptions> = {}) =>
    new ApiKeyService({
      keys,
      accounts,
      pepper,
      environment: 'test',
      logger: createLogger('spec', 'silent'),
      clock: () => now,
      ...overrides,
    });
  const storedKey = (keyId: string) => prisma.apiKey.findUniqueOrThrow({ where: { keyId } });
  const eventually = async (check: () => Promise<void>) => {
    for (let i = 0; ; i++) {
      try {
        return await check();
      } catch (error) {
        if (i > 40) throw error;
        await new Promise((r) => setTimeout(r, 25));
      }
    }
  };

  beforeAll(async () => {
    db = await createIsolatedSchema();
    prisma = createPrismaClient({ url: db.url, schema: db.schema, poolSize: 2 });
    accounts = new AccountRepository(prisma);
    keys = new ApiKeyRepository(prisma);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });
  beforeEach(() => {
    now = new Date('2026-11-25T10:00:00.000Z');
  });

  it('stores a new key as its hash, with the prefix parts and last four for display', async () => {
    const account = await accounts.create('Regnskap AS');
    const issued = await service().issue({
      accountId: account.id,
      mode: 'test',
      name: 'ci',
      scopes: ['company:read'],
    });
    const row = await storedKey(issued.key.keyId);
    expect(row).toMatchObject({
      accountId: account.id,
      mode: 'test',
      name: 'ci',
      scopes: ['company:read'],
      hash: hashApiKey(issued.apiKey, pepper),
      lastFour: issued.apiKey.slice(-4),
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(issued.apiKey.startsWith(`apier_test_${row.keyId}`)).toBe(true);
    expect(JSON.stringify(row)).not.toContain(issued.apiKey.slice('apier_test_'.length + 12));
  });

  it('authenticates a key as its account, mode and scopes and records its use', async () => {
    const account = await accounts.create('Bokføring AS');
    const sut = service();
    const { apiKey, key } = await sut.issue({
      accountId: account.id,
      mode: 'test',
      name: 'app',
      scopes: ['company:read', 'actions:write'],
    });

    await expect(sut.authenticate(`Bearer ${apiKey}`)).resolves.toEqual({
      accountId: account.id,
      keyId: key.keyId,
      mode: 'test',
      scopes: ['company:read', 'actions:write'],
    });
    await eventually(async () => expect((await storedKey(key.keyId)).lastUsedAt).toEqual(now));
  });

  it('writes last_used_at at most once a minute per key', async () => {
    const account = await accounts.create('Travel AS');
    const sut = service();
    const { apiKey, key } = await sut.issue({ accountId: account.id, mode: 'test', name: 'a', scopes: [] });
    const first = now;
    await sut.authenticate(`Bearer ${apiKey}`);
    await eventually(async () => expect((await storedKey(key.keyId)).lastUsedAt).toEqual(first));

    now = new Date(first.getTime() + 30_000);
    await sut.authenticate(`Bearer ${apiKey}`);
    await new Promise((r) => setTimeout(r, 100));
    expect((await storedKey(key.keyId)).lastUsedAt).toEqual(first);

    now = new Date(first.getTime() + 61_000);
    await sut.authenticate(`Bearer ${apiKey}`);
    await eventually(async () => expect((await storedKey(key.keyId)).lastUsedAt).toEqual(now));
  });

  it('refuses a revoked key on the very next request', async () => {
    const account = await accounts.create('Revisor AS');
    const sut = service();
    const { apiKey, key } = await sut.issue({ accountId: account.id, mode: 'test', name: 'x', scopes: [] });
    await sut.authenticate(`Bearer ${apiKey}`);

    const revoked = await sut.revoke(key.keyId);
    expect(revoked.revokedAt).toEqual(now);
    await expect(sut.authenticate(`Bearer ${apiKey}`)).rejects.toMatchObject({ code: 'api_key_invalid' });
    // Revoking twice keeps the first time.
    now = new Date(now.getTime() + 5_000);
    expect((await sut.revoke(key.keyId)).revokedAt).toEqual(revoked.revokedAt);
  });

  it('refuses an expired key and any key of a disabled account', async () => {
    const account = await accounts.create('Utløpt AS');
    const sut = service();
    const expiring = await sut.issue({
      accountId: account.id,
      mode: 'test',
      name: 'short',
      scopes: [],
      expiresAt: new Date(now.getTime() + 3_600_000),
    });
    const other = await sut.issue({ accountId: account.id, mode: 'test', name: 'long', scopes: [] });
    await sut.authenticate(`Bearer ${expiring.apiKey}`);

    now = new Date(now.getTime() + 3_600_000);
    await expect(sut.authenticate(`Bearer ${expiring.apiKey}`)).rejects.toMatchObject({
      code: 'api_key_invalid',
    });
    await sut.authenticate(`Bearer ${other.apiKey}`);

    await accounts.disable(account.id, now);
    await expect(sut.authenticate(`Bearer ${other.apiKey}`)).rejects.toMatchObject({
      code: 'api_key_invalid',
    });
    await expect(
      sut.issue({ accountId: account.id, mode: 'test', name: 'new', scopes: [] }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('refuses unknown keys and keys hashed under another pepper alike', async () => {
    const account = await accounts.create('Pepper AS');
    const { apiKey } = await service({ pepper: 'another-pepper-0123456789abcdefghijk' }).issue({
      accountId: account.id,
      mode: 'test',
      name: 'x',
      scopes: [],
    });
    const unknown = generateApiKey('test').key;
    for (const key of [apiKey, unknown]) {
      await expect(service().authenticate(`Bearer ${key}`)).rejects.toMatchObject({
        code: 'api_key_invalid',
        message: 'The API key is unknown, revoked or expired',
      });
    }
  });

  it('accepts only keys of its own environment, and says so before any lookup', async () => {
    const account = await accounts.create('Modus AS');
    const live = await service().issue({ accountId: account.id, mode: 'live', name: 'l', scopes: [] });
    const test = await service().issue({ accountId: account.id, mode: 'test', name: 't', scopes: [] });
    const lookups = jest.spyOn(keys, 'findByKeyId');
    try {
      await expect(service().authenticate(`Bearer ${live.apiKey}`)).rejects.toMatchObject({
        code: 'api_key_wrong_environment',
      });
      await expect(
        service({ environment: 'live' }).authenticate(`Bearer ${test.apiKey}`),
      ).rejects.toMatchObject({ code: 'api_key_wrong_environment' });
      expect(lookups).not.toHaveBeenCalled();
      await expect(
        service({ environment: 'live' }).authenticate(`Bearer ${live.apiKey}`),
      ).resolves.toMatchObject({
        mode: 'live',
      });
    } finally {
      lookups.mockRestore();
    }
  });

  it('refuses a missing or malformed Authorization header without a lookup', async () => {
    const lookups = jest.spyOn(keys, 'findByKeyId');
    const sut = service();
    const { key } = generateApiKey('test');
    // A checksum character that differs from the real one, whatever the real one is.
    const brokenChecksum = `${key.slice(0, -1)}${key.endsWith('x') ? 'y' : 'x'}`;
    try {
      for (const header of [undefined, '', 'Basic dXNlcjpwYXNz', key]) {
        await expect(sut.authenticate(header)).rejects.toMatchObject({ code: 'unauthenticated' });
      }
      for (const header of ['Bearer', 'Bearer ', `Bearer ${brokenChecksum}`, `Bearer ${key} ${key}`]) {
        await expect(sut.authenticate(header)).rejects.toMatchObject({ code: 'api_key_malformed' });
      }
      expect(lookups).not.toHaveBeenCalled();
      await expect(sut.authenticate(`bearer  ${key}`)).rejects.toMatchObject({ code: 'api_key_invalid' });
    } finally {
      lookups.mockRestore();
    }
  });

  it('lists an account’s keys and refuses to issue or list for an unknown account', async () => {
    const account = await accounts.create('Liste AS');
    const sut = service();
    const a = await sut.issue({ accountId: account.id, mode: 'test', name: 'a', scopes: [] });
    const b = await sut.issue({ accountId: account.id, mode: 'live', name: 'b', scopes: ['company:read'] });
    expect((await sut.list(account.id)).map((k) => k.keyId).sort()).toEqual(
      [a.key.keyId, b.key.keyId].sort(),
    );

    const missing = '00000000-0000-4000-8000-000000000000';
    await expect(sut.list(missing)).rejects.toMatchObject({ code: 'not_found' });
    await expect(sut.list('not-a-uuid')).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      sut.issue({ accountId: missing, mode: 'test', name: 'x', scopes: [] }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(sut.revoke('000000000000')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('deletes an account’s keys with the account', async () => {
    const account = await accounts.create('Borte AS');
    const { key } = await service().issue({ accountId: account.id, mode: 'test', name: 'a', scopes: [] });
    await prisma.account.delete({ where: { id: account.id } });
    await expect(prisma.apiKey.findUnique({ where: { keyId: key.keyId } })).resolves.toBeNull();
  });
});
