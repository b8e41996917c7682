import type { PrismaClient } from '@apier/db';

export interface AccountRecord {
  id: string;
  name: string;
  createdAt: Date;
  disabledAt: Date | null;
}

/** Customer accounts in Postgres. */
export class AccountRepository {
  constructor(private readonly prisma: PrismaClient) {}

  create(name: string): Promise<AccountRecord> {
    return this.prisma.account.create({ data: { name } });
  }

  list(): Promise<AccountRecord[]> {
    return this.prisma.account.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  find(id: string): Promise<AccountRecord | null> {
    return this.prisma.account.findUnique({ where: { id } });
  }

  /** Disables the account (its keys stop working at once); an earlier disable time is kept. */
  async disable(id: string, at: Date): Promise<AccountRecord | null> {
    await this.prisma.account.updateMany({ where: { id, disabledAt: null }, data: { disabledAt: at } });
    return this.find(id);
  }
}
