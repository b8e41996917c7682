import { createLogger, InfrastructureConfigSchema, loadConfig } from '@apier/platform';
import { resolve } from 'node:path';
import { ensureDatabase } from './ensure-database';
import { runMigrations } from './migration-runner';

/** `npm run db:migrate`: creates the database if needed and applies pending migrations. */
async function main(): Promise<void> {
  const config = loadConfig(
    InfrastructureConfigSchema.pick({ DATABASE_URL: true, DATABASE_SCHEMA: true, LOG_LEVEL: true }),
  );
  const logger = createLogger('db-migrate', config.LOG_LEVEL);
  const created = await ensureDatabase(config.DATABASE_URL);
  const report = await runMigrations({
    url: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    migrationsDir: resolve(__dirname, '../../../../prisma/migrations'),
  });
  logger.info({ database_created: created, schema: config.DATABASE_SCHEMA, ...report }, 'migrations applied');
}

main().catch((error: unknown) => {
  process.stderr.write(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
