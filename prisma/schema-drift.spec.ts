import { readMigrations } from '@apier/db';
import { createIsolatedSchema, type IsolatedSchema, MIGRATIONS_DIR } from '@apier/testing';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * Proves schema.prisma and the hand-kept SQL migrations describe the same database: the
 * migrations are applied to an empty schema, the result is read back from the catalogue, and
 * compared with what Prisma's own parser (DMMF) says the schema declares.
 */

interface DmmfField {
  name: string;
  dbName?: string;
  kind: 'scalar' | 'object' | 'enum';
  type: string;
  isList: boolean;
  isRequired: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string;
  fields: { name: string }[];
}

const schemaText = readFileSync(join(__dirname, 'schema.prisma'), 'utf8');
const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', schemaText]] })))
  .datamodel as {
  models: DmmfModel[];
  enums: { name: string; dbName?: string | null; values: { name: string; dbName?: string | null }[] }[];
  indexes: DmmfIndex[];
};

const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Decimal: 'numeric(65,30)',
  Bytes: 'bytea',
};

const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Char: ([n]) => `character(${n})`,
  VarChar: ([n]) => (n ? `character varying(${n})` : 'character varying'),
  Text: () => 'text',
  Uuid: () => 'uuid',
  Timestamptz: ([p]) => `timestamp(${p ?? 6}) with time zone`,
  Timestamp: ([p]) => `timestamp(${p ?? 6}) without time zone`,
  Date: () => 'date',
  Integer: () => 'integer',
  SmallInt: () => 'smallint',
  BigInt: () => 'bigint',
  JsonB: () => 'jsonb',
  Json: () => 'json',
  Decimal: ([p, s]) => `numeric(${p},${s})`,
  Inet: () => 'inet',
  ByteA: () => 'bytea',
};

const columnName = (f: DmmfField) => f.dbName ?? f.name;
const tableName = (m: DmmfModel) => m.dbName ?? m.name;

function expectedType(field: DmmfField): string {
  if (field.kind === 'enum') {
    const e = dmmf.enums.find((x) => x.name === field.type)!;
    return `enum:${e.dbName ?? e.name}`;
  }
  const base = field.nativeType
    ? NATIVE_TYPES[field.nativeType[0]]!(field.nativeType[1])
    : SCALAR_TYPES[field.type]!;
  return field.isList ? `${base}[]` : base;
}

/** Only defaults Postgres holds count; uuid()/cuid() and @updatedAt are filled in by the client. */
function expectsDatabaseDefault(field: DmmfField): boolean {
  if (!field.hasDefaultValue) return false;
  const d = field.default as { name?: string } | undefined;
  return !(d && typeof d === 'object' && 'name' in d && ['uuid', 'cuid', 'nanoid', 'ulid'].includes(d.name!));
}

function expectedShape() {
  const tables: Record<string, Record<string, { type: string; nullable: boolean; hasDefault: boolean }>> = {};
  const indexes = new Set<string>();
  const foreignKeys = new Set<string>();
  for (const model of dmmf.models) {
    const columns: (typeof tables)[string] = {};
    for (const field of model.fields) {
      if (field.kind === 'object') {
        if (field.relationFromFields?.length) {
          const target = dmmf.models.find((m) => m.name === field.type)!;
          const col = (n: string, m: DmmfModel) => columnName(m.fields.find((f) => f.name === n)!);
          foreignKeys.add(
            `${tableName(model)}(${field.relationFromFields.map((n) => col(n, model)).join(',')})->${tableName(target)}(${field
              .relationToFields!.map((n) => col(n, target))
              .join(
                ',',
              )}) on delete ${(field.relationOnDelete ?? (field.isRequired ? 'Restrict' : 'SetNull')).toLowerCase()}`,
          );
        }
        continue;
      }
      columns[columnName(field)] = {
        type: expectedType(field),
        nullable: !field.isRequired,
        hasDefault: expectsDatabaseDefault(field),
      };
    }
    tables[tableName(model)] = columns;
  }
  for (const index of dmmf.indexes) {
    const model = dmmf.models.find((m) => m.name === index.model)!;
    const cols = index.fields.map((f) => columnName(model.fields.find((x) => x.name === f.name)!));
    indexes.add(
      `${tableName(model)} ${index.type === 'id' ? 'primary' : index.type === 'unique' ? 'unique' : 'index'} (${cols.join(',')})`,
    );
  }
  return { tables, indexes, foreignKeys };
}

async function actualShape(db: IsolatedSchema) {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const columns = await client.query<{
      table_name: string;
      column_name: string;
      type: string;
      nullable: boolean;
      has_default: boolean;
    }>(
      `SELECT c.relname AS table_name, a.attname AS column_name,
              CASE WHEN t.typtype = 'e' THEN 'enum:' || t.typname ELSE format_type(a.atttypid, a.atttypmod) END AS type,
              NOT a.attnotnull AS nullable, a.atthasdef AS has_default
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_type t ON t.oid = a.atttypid
        WHERE n.nspname = $1 AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '_prisma_migrations'`,
      [db.schema],
    );
    const indexes = await client.query<{
      table_name: string;
      is_primary: boolean;
      is_unique: boolean;
      cols: string[];
    }>(
      `SELECT t.relname AS table_name, ix.indisprimary AS is_primary, ix.indisunique AS is_unique,
              array_agg(a.attname::text ORDER BY k.ord) AS cols
         FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
         CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
        WHERE n.nspname = $1 AND t.relname <> '_prisma_migrations'
        GROUP BY t.relname, ix.indexrelid, ix.indisprimary, ix.indisunique`,
      [db.schema],
    );
    const fks = await client.query<{
      src: string;
      src_cols: string[];
      dst: string;
      dst_cols: string[];
      on_delete: string;
    }>(
      `SELECT s.relname AS src, d.relname AS dst,
              (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(n, ord) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS src_cols,
              (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(n, ord) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS dst_cols,
              c.confdeltype AS on_delete
         FROM pg_constraint c JOIN pg_class s ON s.oid = c.conrelid JOIN pg_class d ON d.oid = c.confrelid
         JOIN pg_namespace n ON n.oid = s.relnamespace
        WHERE n.nspname = $1 AND c.contype = 'f'`,
      [db.schema],
    );
    const tables: Record<
      string,
      Record<string, { type: string; nullable: boolean; hasDefault: boolean }>
    > = {};
    for (const row of columns.rows) {
      (tables[row.table_name] ??= {})[row.column_name] = {
        type: row.type,
        nullable: row.nullable,
        hasDefault: row.has_default,
      };
    }
    const onDelete: Record<string, string> = {
      a: 'noaction',
      r: 'restrict',
      c: 'cascade',
      n: 'setnull',
      d: 'setdefault',
    };
    return {
      tables,
      indexes: new Set(
        indexes.rows.map(
          (r) =>
            `${r.table_name} ${r.is_primary ? 'primary' : r.is_unique ? 'unique' : 'index'} (${r.cols.join(',')})`,
        ),
      ),
      foreignKeys: new Set(
        fks.rows.map(
          (r) =>
            `${r.src}(${r.src_cols.join(',')})->${r.dst}(${r.dst_cols.join(',')}) on delete ${onDelete[r.on_delete]}`,
        ),
      ),
    };
  } finally {
    await client.end();
  }
}

describe('schema.prisma and prisma/migrations agree', () => {
  let db: IsolatedSchema;

  beforeAll(async () => {
    db = await createIsolatedSchema();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('keeps every migration in Prisma’s folder layout', () => {
    const migrations = readMigrations(MIGRATIONS_DIR);
    expect(migrations.length).toBeGreaterThan(0);
    for (const m of migrations) expect(m.name).toMatch(/^\d{14}_[a-z0-9_]+$/);
  });

  it('creates exactly the tables, columns, types, nullability and defaults the schema declares', async () => {
    const expected = expectedShape();
    const actual = await actualShape(db);
    expect(actual.tables).toEqual(expected.tables);
  });

  it('creates exactly the primary keys, unique constraints and indexes the schema declares', async () => {
    expect([...(await actualShape(db)).indexes].sort()).toEqual([...expectedShape().indexes].sort());
  });

  it('creates exactly the foreign keys the schema declares, with their delete rules', async () => {
    expect([...(await actualShape(db)).foreignKeys].sort()).toEqual([...expectedShape().foreignKeys].sort());
  });
});
