#!/usr/bin/env node
import { ApierError } from '@apier/contracts';
import { createPrismaClient } from '@apier/db';
import { ConfigError, createLogger, loadConfig } from '@apier/platform';
import { AccountRepository } from '../api-keys/account.repository';
import { ApiKeyRepository } from '../api-keys/api-key.repository';
import { ApiKeyService } from '../api-keys/api-key.service';
import { ApproverRepository } from '../approvals/approver.repository';
import { ApproversAdmin } from '../approvals/approvers-admin';
import { apiKeyPepper, GatewayConfigSchema } from '../config';
import { parseAdminCommand, UsageError, USAGE } from './admin-command';
import { executeAdminCommand } from './admin-commands';

/**
 * The operators' CLI: `apier accounts …`, `apier keys …` and `apier approvers …` against the
 * gateway's database with the gateway's settings. Answers are JSON on stdout; problems are JSON
 * on stderr with exit code 2 (bad command line) or 1 (refused or failed).
 */
async function main(argv: string[]): Promise<number> {
  const command = parseAdminCommand(argv);
  if (command.kind === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const config = loadConfig(GatewayConfigSchema);
  const logger = createLogger('apier-cli', config.LOG_LEVEL, process.stderr);
  const prisma = createPrismaClient({
    url: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    poolSize: 1,
  });
  try {
    const keys = new ApiKeyRepository(prisma);
    const accounts = new AccountRepository(prisma);
    const apiKeys = new ApiKeyService({
      keys,
      accounts,
      pepper: apiKeyPepper(config),
      environment: config.APIER_ENVIRONMENT,
      logger,
    });
    const answer = await executeAdminCommand(command, {
      accounts,
      apiKeys,
      approvers: new ApproversAdmin(new ApproverRepository(prisma)),
      readPassword: readFirstLineOfStdin,
      pepperConfigured: config.API_KEY_PEPPER !== undefined,
    });
    process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
    return 0;
  } finally {
    await prisma.$disconnect();
  }
}

/** The password of `approvers create --password-stdin`: stdin up to the first line break. */
async function readFirstLineOfStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

function report(error: unknown): number {
  const known = error instanceof UsageError || error instanceof ApierError || error instanceof ConfigError;
  const code = error instanceof ApierError ? error.code : error instanceof UsageError ? 'usage' : 'failed';
  const message = known ? (error as Error).message : 'The command failed; see the cause below';
  const cause = known ? undefined : error instanceof Error ? error.message : String(error);
  process.stderr.write(`${JSON.stringify({ error: { code, message, ...(cause ? { cause } : {}) } })}\n`);
  if (error instanceof UsageError) process.stderr.write(`\n${USAGE}`);
  return error instanceof UsageError ? 2 : 1;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => (process.exitCode = report(error)),
);
