import type { PrismaClient } from '@apier/db';
import type { AccountRecord } from './account.repository';
import type { ApiKeyMode } from './api-key-format';

/** One stored key: the hash of the secret, never the secret. */
export interface ApiKeyRecord {
  id: string;
  accountId: string;
  keyId: string;
  mode: ApiKeyMode;
  hash: string;
  lastFour: string;
  name: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
}

export type NewApiKey = Pick<
  ApiKeyRecord,
  'accountId' | 'keyId' | 'mode' | 'hash' | 'lastFour' | 'name' | 'scopes' | 'expiresAt'
>;

export interface ApiKeyWithAccount extends ApiKeyRecord {
  account: AccountRecord;
}

/** API keys in Postgres, looked up by their public key id. */
export class ApiKeyRepository {
  constructor(private readonly prisma: PrismaClient) {}

  insert(key: NewApiKey): Promise<ApiKeyRecord> {
    return this.prisma.apiKey.create({ data: key });
  }

  findByKeyId(keyId: string): Promise<ApiKeyWithAccount | null> {
    return this.prisma.apiKey.findUnique({ where: { keyId }, include: { account: true } });
  }

  listByAccount(accountId: string): Promise<ApiKeyRecord[]> {
    return this.prisma.apiKey.findMany({
      where: { accountId },
      orderBy: [{ createdAt: 'asc' }, { keyId: 'asc' }],
    });
  }

  /** Marks the key revoked (once: a second revoke keeps the first time); null when unknown. */
  async revoke(keyId: string, at: Date): Promise<ApiKeyRecord | null> {
    await this.prisma.apiKey.updateMany({ where: { keyId, revokedAt: null }, data: { revokedAt: at } });
    return this.prisma.apiKey.findUnique({ where: { keyId } });
  }

  async recordUse(id: string, at: Date): Promise<void> {
    await this.prisma.apiKey.updateMany({ where: { id }, data: { lastUsedAt: at } });
  }
}
