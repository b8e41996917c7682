import { dropSchema, ensureDatabase, runMigrations } from '@apier/db';
import { resolve } from 'node:path';
import { runToken, testInfrastructure } from './test-infrastructure';

export const MIGRATIONS_DIR = resolve(__dirname, '../../../prisma/migrations');

export interface IsolatedSchema {
  url: string;
  schema: string;
  drop(): Promise<void>;
}

/** A fresh, fully migrated Postgres schema owned by one test file. */
export async function createIsolatedSchema(token = runToken()): Promise<IsolatedSchema> {
  const { databaseUrl } = testInfrastructure();
  await ensureDatabase(databaseUrl);
  const schema = `apier_${token}`;
  await runMigrations({ url: databaseUrl, schema, migrationsDir: MIGRATIONS_DIR });
  return { url: databaseUrl, schema, drop: () => dropSchema(databaseUrl, schema) };
}
