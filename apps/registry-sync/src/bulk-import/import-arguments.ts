import type { Environment } from '../snapshots/snapshot';

export type ImportInput = { kind: 'url'; url: URL } | { kind: 'file'; path: string };

export interface ImportArguments {
  input: ImportInput;
  environment: Environment;
  batchSize: number;
  resume: boolean;
  skipMalformed: boolean;
  /** For a file: where it was downloaded from, written as each snapshot's provenance. */
  sourceUrl: string | undefined;
  idleTimeoutMs: number;
  quiet: boolean;
}

export const USAGE = `Usage: npm run registry:import -- (--url <dump url> | --file <enheter.json.gz>) [options]

Imports Brreg's bulk download (/enheter/lastned: a gzipped JSON array of Enhet objects) into the
registry snapshots that the company context reads.

  --url <url>             download and import (http or https)
  --file <path>           import a downloaded file
  --environment <env>     production (default) or sandbox
  --batch <n>             records per transaction (default 5000, 1..100000)
  --resume                continue a killed import of the same download after its last committed batch
  --skip-malformed        report malformed records and go on (default: the first one fails the run)
  --source-url <url>      with --file: provenance URL stored with each snapshot
                          (default: <BRREG_BASE_URL>/enheter/lastned)
  --idle-timeout-ms <ms>  give up when the download sends nothing for this long (default 60000)
  --quiet                 no progress on stderr
`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const FLAGS = new Set(['--resume', '--skip-malformed', '--quiet', '--help', '-h']);
const OPTIONS = new Set(['--url', '--file', '--environment', '--batch', '--source-url', '--idle-timeout-ms']);

/** Parses the command line; `undefined` means help was asked for. */
export function parseImportArguments(argv: string[]): ImportArguments | undefined {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? splitOnce(arg) : [arg, undefined];
    if (FLAGS.has(name) && inline === undefined) flags.add(name);
    else if (OPTIONS.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
      if (values.has(name)) throw new UsageError(`${name} is given twice`);
      values.set(name, value);
    } else throw new UsageError(`Unknown argument ${arg}`);
  }
  if (flags.has('--help') || flags.has('-h')) return undefined;

  const url = values.get('--url');
  const file = values.get('--file');
  if ((url === undefined) === (file === undefined))
    throw new UsageError('Give exactly one of --url and --file');
  if (url !== undefined && values.has('--source-url')) {
    throw new UsageError('--source-url is for --file; a URL import records its own URL');
  }
  return {
    input: url !== undefined ? { kind: 'url', url: httpUrl(url, '--url') } : { kind: 'file', path: file! },
    environment: environment(values.get('--environment') ?? 'production'),
    batchSize: integer(values.get('--batch'), '--batch', 5_000, 1, 100_000),
    resume: flags.has('--resume'),
    skipMalformed: flags.has('--skip-malformed'),
    sourceUrl: values.has('--source-url')
      ? httpUrl(values.get('--source-url')!, '--source-url').href
      : undefined,
    idleTimeoutMs: integer(values.get('--idle-timeout-ms'), '--idle-timeout-ms', 60_000, 100, 3_600_000),
    quiet: flags.has('--quiet'),
  };
}

function splitOnce(arg: string): [string, string] {
  const at = arg.indexOf('=');
  return [arg.slice(0, at), arg.slice(at + 1)];
}

function httpUrl(value: string, name: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${name} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`${name} must be http or https`);
  return url;
}

function environment(value: string): Environment {
  if (value === 'production' || value === 'sandbox') return value;
  throw new UsageError('--environment is production or sandbox');
}

function integer(
  value: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const parsed = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(parsed >= min && parsed <= max))
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}`);
  return parsed;
}
