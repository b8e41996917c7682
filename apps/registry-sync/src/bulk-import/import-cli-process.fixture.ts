import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');
const CLI = resolve(__dirname, 'registry-import-cli.ts');

export interface CliRun {
  child: ChildProcess;
  /** Resolves when the process has exited, with everything it printed. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** The import CLI as a real child process (from source), against one isolated schema. */
export function startImportCli(args: string[], database: { url: string; schema: string }): CliRun {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', CLI, ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      DATABASE_URL: database.url,
      DATABASE_SCHEMA: database.schema,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolveDone) => child.once('close', (code, signal) => resolveDone({ code, signal, stdout, stderr })));
  return { child, done };
}
