import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient } from './generated/prisma/client';

export { Prisma, PrismaClient };

export interface DatabaseOptions {
  url: string;
  /** Postgres schema; tests give every run its own so they never share rows. */
  schema: string;
  poolSize?: number;
}

export function createPrismaClient(options: DatabaseOptions): PrismaClient {
  const adapter = new PrismaPg(
    { connectionString: options.url, max: options.poolSize ?? 10, connectionTimeoutMillis: 3_000 },
    { schema: options.schema },
  );
  return new PrismaClient({ adapter });
}
