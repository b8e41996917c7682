import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AccessCatalogueError } from './access-catalogue-error';
import { DEFAULT_CATALOGUE_DATA_DIR, loadAccessCatalogue, readAccessCatalogue } from './load-catalogue';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function rawFile(name: string): Json {
  return JSON.parse(readFileSync(path.join(DEFAULT_CATALOGUE_DATA_DIR, name), 'utf8')) as Json;
}

describe('loading the shipped access catalogue', () => {
  const catalogue = loadAccessCatalogue();

  it('holds every package in packages.json, which documents 223', () => {
    const raw = rawFile('packages.json');
    expect(catalogue.packageCount).toBe(raw.packages.length);
    expect(catalogue.packageCount).toBe(raw.counts.packages);
    expect(catalogue.packageCount).toBe(223);
    expect(catalogue.listPackages()).toHaveLength(223);
    expect(catalogue.listAreas()).toHaveLength(49);
  });

  it("counts the Altinn 2 statuses exactly as the mapping file's coverage does", () => {
    const raw = rawFile('altinn2-role-mapping.json');
    expect(catalogue.altinn2StatusCounts()).toEqual(raw.coverage.statusCounts);
    expect(catalogue.listAltinn2Roles()).toHaveLength(39);
  });

  it('is read once per process', () => {
    expect(loadAccessCatalogue()).toBe(catalogue);
    expect(loadAccessCatalogue(`${DEFAULT_CATALOGUE_DATA_DIR}/`)).toBe(catalogue);
  });

  it('names its source commit and a version that is the generated date plus a content hash', () => {
    expect(catalogue.source).toEqual({
      repository: 'Altinn/altinn-authorization-tmp',
      commit: 'f7ff53bd2f00c8ddfc9f5bf58cc7a084c9383240',
      commit_date: '2026-08-21',
      generated: '2026-11-25',
    });
    expect(catalogue.version).toMatch(/^2026-11-25\+sha256:[0-9a-f]{16}$/);
  });
});

describe('catalogue version', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'access-catalogue-'));
    cpSync(DEFAULT_CATALOGUE_DATA_DIR, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is the same for an identical copy, so ETags agree across processes', () => {
    expect(readAccessCatalogue(dir).version).toBe(loadAccessCatalogue().version);
  });

  it('changes when any byte of the data changes', () => {
    const file = path.join(dir, 'altinn2-role-mapping.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"Reporter/sender"', '"Reporter / sender"'));
    expect(readAccessCatalogue(dir).version).not.toBe(loadAccessCatalogue().version);
  });
});

describe('a corrupted copy of the data is refused at start', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'access-catalogue-'));
    cpSync(DEFAULT_CATALOGUE_DATA_DIR, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function corrupt(name: string, change: (json: Json) => void): void {
    const file = path.join(dir, name);
    const json = JSON.parse(readFileSync(file, 'utf8')) as Json;
    change(json);
    writeFileSync(file, JSON.stringify(json, null, 2));
  }

  function loadError(): AccessCatalogueError {
    try {
      readAccessCatalogue(dir);
    } catch (error) {
      if (error instanceof AccessCatalogueError) return error;
      throw error;
    }
    throw new Error('expected the corrupted catalogue to be refused');
  }

  it('names the file and path of a package URN outside the accesspackage namespace', () => {
    corrupt('packages.json', (json) => {
      json.packages[3].urn = 'urn:altinn:accessgroup:something';
    });
    const error = loadError();
    expect(error.code).toBe('catalogue_invalid');
    expect(error.message).toContain('packages.json at packages[3].urn: must be urn:altinn:accesspackage:');
    expect(error.problems[0]).toMatchObject({ file: 'packages.json', path: 'packages[3].urn' });
  });

  it('refuses a mapping that points at a package the catalogue does not have', () => {
    corrupt('altinn2-role-mapping.json', (json) => {
      json.roles[1].packages[0] = 'urn:altinn:accesspackage:post-og-arkiv';
    });
    expect(loadError().message).toContain(
      'altinn2-role-mapping.json at roles[1].packages[0]: urn:altinn:accesspackage:post-og-arkiv is not a package in packages.json',
    );
  });

  it('refuses an ER grant of an unknown package, naming the role key', () => {
    corrupt('er-role-mapping.json', (json) => {
      json.erRoles.REGN.packages[0].urn = 'urn:altinn:accesspackage:regnskapsforer';
    });
    expect(loadError().problems).toContainEqual({
      file: 'er-role-mapping.json',
      path: 'erRoles.REGN.packages[0].urn',
      message: 'urn:altinn:accesspackage:regnskapsforer is not a package in packages.json',
    });
  });

  it('refuses a status it does not know rather than guessing how sure the mapping is', () => {
    corrupt('altinn2-role-mapping.json', (json) => {
      json.roles[0].status = 'probably';
    });
    expect(loadError().problems[0]).toMatchObject({
      file: 'altinn2-role-mapping.json',
      path: 'roles[0].status',
    });
  });

  it('refuses a truncated package list whose declared count no longer matches', () => {
    corrupt('packages.json', (json) => {
      json.packages.pop();
    });
    expect(loadError().message).toContain(
      'packages.json at counts.packages: declares 223 packages but the file lists 222',
    );
  });

  it('refuses status counts that disagree with the roles', () => {
    corrupt('altinn2-role-mapping.json', (json) => {
      json.roles = json.roles.filter((role: Json) => role.code !== 'UTINN');
    });
    expect(loadError().message).toContain(
      'coverage.statusCounts["no-direct-successor"]: declares 2 but 1 roles have it',
    );
  });

  it('reports a file that is not JSON, and one that is missing', () => {
    writeFileSync(path.join(dir, 'packages.json'), '{"schema": ');
    unlinkSync(path.join(dir, 'er-role-mapping.json'));
    const files = loadError().problems.map((problem) => problem.file);
    expect(files).toEqual(['packages.json', 'er-role-mapping.json']);
  });
});
