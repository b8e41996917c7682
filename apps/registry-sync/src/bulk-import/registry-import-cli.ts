import { ApierError, type ErrorCode } from '@apier/contracts';
import { assertSafeSchemaName } from '@apier/db';
import { configOrExit, loadConfig } from '@apier/platform';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { BulkImporter, type ImportSummary } from './bulk-importer';
import { type DumpSource, openFile, openUrl } from './dump-source';
import { type ImportArguments, parseImportArguments, USAGE, UsageError } from './import-arguments';
import { type ImportConfig, ImportConfigSchema } from './import-config';
import { ProgressReporter } from './progress-reporter';

/** sysexits(3): what a script calling the import can tell apart. */
const EXIT = { ok: 0, failed: 1, usage: 64, dataError: 65, unavailable: 69, interrupted: 130 } as const;

const EXIT_FOR_CODE: Partial<Record<ErrorCode, number>> = {
  bulk_dump_invalid: EXIT.dataError,
  bulk_record_invalid: EXIT.dataError,
  upstream_unavailable: EXIT.unavailable,
  upstream_bad_response: EXIT.unavailable,
  precondition_failed: EXIT.usage,
};

const say = (message: string) => process.stderr.write(`registry-import: ${message}\n`);

/** `npm run registry:import -- --url … | --file …`: the Brreg bulk download into the snapshots. */
async function main(argv: string[]): Promise<number> {
  let args: ImportArguments | undefined;
  try {
    args = parseImportArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`registry-import: ${error.message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (!args) {
    process.stdout.write(USAGE);
    return EXIT.ok;
  }
  const config = configOrExit('registry-import', () => loadConfig(ImportConfigSchema));
  const client = new Client({ connectionString: config.DATABASE_URL, application_name: 'registry-import' });
  try {
    await client.connect();
  } catch (error) {
    say(`cannot connect to the database (${(error as Error).message})`);
    return EXIT.unavailable;
  }
  try {
    await client.query(`SET search_path TO "${assertSafeSchemaName(config.DATABASE_SCHEMA)}"`);
    return await runImport(client, args, config);
  } catch (error) {
    if (error instanceof ApierError) {
      say(`failed: ${error.message}`);
      return EXIT_FOR_CODE[error.code] ?? EXIT.failed;
    }
    say(`failed: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function runImport(client: Client, args: ImportArguments, config: ImportConfig): Promise<number> {
  const started = performance.now();
  const source: DumpSource =
    args.input.kind === 'url'
      ? await openUrl(args.input.url, args.idleTimeoutMs)
      : await openFile(args.input.path);
  const sourceUrl =
    args.input.kind === 'url'
      ? source.label
      : (args.sourceUrl ?? `${config.BRREG_BASE_URL.replace(/\/+$/, '')}/enheter/lastned`);
  const reporter = args.quiet ? undefined : new ProgressReporter(process.stderr);
  if (!args.quiet)
    say(`importing ${source.label} into ${args.environment}${args.resume ? ' (resuming)' : ''}`);

  const summary = await new BulkImporter(client).run(
    source,
    {
      environment: args.environment,
      batchSize: args.batchSize,
      resume: args.resume,
      skipMalformed: args.skipMalformed,
      sourceUrl,
    },
    {
      progress: (progress) => reporter?.update(progress),
      malformed: ({ index, reason }) => {
        const message = `record ${index} skipped: ${reason}`;
        if (reporter) reporter.note(message);
        else say(message);
      },
    },
  );
  reporter?.finish();
  const seconds = (performance.now() - started) / 1000;
  if (!args.quiet) say(describe(summary));
  process.stdout.write(
    `${JSON.stringify({
      import_id: summary.importId,
      outcome: summary.outcome,
      records: summary.records,
      skipped_by_resume: summary.skippedByResume,
      records_written: summary.recordsWritten,
      records_malformed: summary.recordsMalformed,
      fetched_at: summary.fetchedAt.toISOString(),
      seconds: Number(seconds.toFixed(3)),
    })}\n`,
  );
  return EXIT.ok;
}

function describe(summary: ImportSummary): string {
  if (summary.outcome === 'already-complete')
    return `import ${summary.importId.slice(0, 12)} is already complete`;
  const resumed = summary.outcome === 'resumed' ? `, resumed after ${summary.skippedByResume}` : '';
  return `done: ${summary.records} records${resumed}, ${summary.recordsWritten} snapshots written, ${summary.recordsMalformed} malformed`;
}

// The batch in flight is rolled back by Postgres when the connection drops; the checkpoint stays true.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    say(`interrupted; run again with --resume to continue after the last committed batch`);
    process.exit(EXIT.interrupted);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    say(`failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = EXIT.failed;
  },
);
