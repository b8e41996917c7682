import { dropSchema, ensureDatabase, readMigrations, runMigrations } from '@apier/db';
import { MIGRATIONS_DIR, runToken, testInfrastructure } from '@apier/testing';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

describe('offline migration runner', () => {
  const { databaseUrl } = testInfrastructure();
  const schema = `apier_${runToken()}`;

  beforeAll(() => ensureDatabase(databaseUrl));
  afterAll(() => dropSchema(databaseUrl, schema));

  it('applies pending migrations once and records them the way prisma migrate deploy does', async () => {
    const first = await runMigrations({ url: databaseUrl, schema, migrationsDir: MIGRATIONS_DIR });
    const second = await runMigrations({ url: databaseUrl, schema, migrationsDir: MIGRATIONS_DIR });
    const names = readMigrations(MIGRATIONS_DIR).map((m) => m.name);
    expect(first).toEqual({ applied: names, alreadyApplied: [] });
    expect(second).toEqual({ applied: [], alreadyApplied: names });

    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "${schema}"."_prisma_migrations" ORDER BY migration_name`,
    );
    await client.end();
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(readMigrations(MIGRATIONS_DIR)[i]!.checksum);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('refuses to continue when an applied migration was edited afterwards', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apier-migrations-'));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const [firstMigration] = readMigrations(dir);
    writeFileSync(join(dir, firstMigration!.name, 'migration.sql'), `${firstMigration!.sql}\n-- edited\n`);
    await expect(runMigrations({ url: databaseUrl, schema, migrationsDir: dir })).rejects.toThrow(
      /edited after it was applied/,
    );
  });

  it('rolls back a failing migration and records nothing for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apier-migrations-'));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const broken = join(dir, '29991231000000_broken');
    mkdirSync(broken);
    writeFileSync(
      join(broken, 'migration.sql'),
      'CREATE TABLE "half_done" (id int);\nSELECT * FROM "no_such_table";\n',
    );
    await expect(runMigrations({ url: databaseUrl, schema, migrationsDir: dir })).rejects.toThrow(
      /29991231000000_broken failed/,
    );
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const recorded = await client.query(
      `SELECT 1 FROM "${schema}"."_prisma_migrations" WHERE migration_name = '29991231000000_broken'`,
    );
    const table = await client.query(`SELECT to_regclass('"${schema}"."half_done"') AS t`);
    await client.end();
    expect(recorded.rowCount).toBe(0);
    expect(table.rows[0].t).toBeNull();
  });

  it('rejects schema names that could inject SQL', async () => {
    await expect(
      runMigrations({
        url: databaseUrl,
        schema: 'x"; DROP SCHEMA public; --',
        migrationsDir: MIGRATIONS_DIR,
      }),
    ).rejects.toThrow(/Invalid Postgres schema name/);
  });
});
