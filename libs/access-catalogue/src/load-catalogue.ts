import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { AccessCatalogue } from './access-catalogue';
import { AccessCatalogueError } from './access-catalogue-error';
import {
  CATALOGUE_FILES,
  type CatalogueFileName,
  type CatalogueProblem,
  findCrossFileProblems,
  formatJsonPath,
} from './catalogue-integrity';
import {
  Altinn2MappingFileSchema,
  type CatalogueFiles,
  ErMappingFileSchema,
  PackagesFileSchema,
} from './catalogue-schema';

/**
 * The data ships beside src/ and dist/ rather than inside them, so the compiled library reads the same
 * files the tests read and the JSON is not copied into every build output.
 */
export const DEFAULT_CATALOGUE_DATA_DIR = path.resolve(__dirname, '..', 'data');

/** How many problems the error message spells out; the error's `problems` holds all of them. */
const PROBLEMS_IN_MESSAGE = 5;

const cache = new Map<string, AccessCatalogue>();

/** The validated catalogue, read once per data directory per process. */
export function loadAccessCatalogue(dataDir: string = DEFAULT_CATALOGUE_DATA_DIR): AccessCatalogue {
  const dir = path.resolve(dataDir);
  let catalogue = cache.get(dir);
  if (!catalogue) {
    catalogue = readAccessCatalogue(dir);
    cache.set(dir, catalogue);
  }
  return catalogue;
}

/**
 * Reads and validates the three files without caching, e.g. to vet a refreshed copy before swapping it in.
 * @throws AccessCatalogueError catalogue_invalid naming the file and JSON path of the first problems.
 */
export function readAccessCatalogue(dataDir: string = DEFAULT_CATALOGUE_DATA_DIR): AccessCatalogue {
  const dir = path.resolve(dataDir);
  const problems: CatalogueProblem[] = [];
  const bytes = new Map<CatalogueFileName, Buffer>();

  const parse = <S extends z.ZodType>(file: CatalogueFileName, schema: S): z.output<S> | undefined => {
    let json: unknown;
    try {
      const content = readFileSync(path.join(dir, file));
      bytes.set(file, content);
      json = JSON.parse(content.toString('utf8'));
    } catch (error) {
      problems.push({ file, path: '', message: `cannot be read as JSON: ${(error as Error).message}` });
      return undefined;
    }
    const result = schema.safeParse(json);
    if (result.success) return result.data;
    for (const issue of result.error.issues)
      problems.push({ file, path: formatJsonPath(issue.path), message: issue.message });
    return undefined;
  };

  const packages = parse(CATALOGUE_FILES.packages, PackagesFileSchema);
  const altinn2 = parse(CATALOGUE_FILES.altinn2, Altinn2MappingFileSchema);
  const er = parse(CATALOGUE_FILES.er, ErMappingFileSchema);
  if (packages && altinn2 && er) problems.push(...findCrossFileProblems({ packages, altinn2, er }));
  if (problems.length > 0 || !packages || !altinn2 || !er) throw invalidCatalogue(dir, problems);

  const files: CatalogueFiles = { packages, altinn2, er };
  return new AccessCatalogue(files, catalogueVersion(files, bytes));
}

/**
 * `<newest generated date>+sha256:<16 hex>`. The hash covers the exact bytes of all three files, so
 * every process serving the same data agrees on the version and ETags survive restarts and replicas.
 */
function catalogueVersion(files: CatalogueFiles, bytes: ReadonlyMap<CatalogueFileName, Buffer>): string {
  const hash = createHash('sha256');
  for (const file of Object.values(CATALOGUE_FILES)) {
    hash.update(`${file}\n`);
    hash.update(bytes.get(file) ?? Buffer.alloc(0));
    hash.update('\n');
  }
  const generated = [files.packages.generated, files.altinn2.generated, files.er.generated].sort().at(-1);
  return `${generated}+sha256:${hash.digest('hex').slice(0, 16)}`;
}

function invalidCatalogue(dir: string, problems: readonly CatalogueProblem[]): AccessCatalogueError {
  const shown = problems
    .slice(0, PROBLEMS_IN_MESSAGE)
    .map((problem) => `${problem.file}${problem.path ? ` at ${problem.path}` : ''}: ${problem.message}`);
  const more =
    problems.length > PROBLEMS_IN_MESSAGE ? `; and ${problems.length - PROBLEMS_IN_MESSAGE} more` : '';
  return new AccessCatalogueError(
    'catalogue_invalid',
    `Access catalogue data in ${dir} is invalid: ${shown.join('; ')}${more}.`,
    {
      problems,
    },
  );
}
