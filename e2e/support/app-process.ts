import { TEST_LOG_DIR } from '@apier/testing';
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export type AppName = 'govsim' | 'registry-sync' | 'auth-broker' | 'filing' | 'gateway';

const ROOT = resolve(__dirname, '../..');

/**
 * One built app running as a real child process; its JSON log lines are kept for assertions and
 * every output line is also appended to `.test-output/logs/<pid>-<app>.log`, which the global
 * teardown scans for secrets.
 */
export class AppProcess {
  readonly logs: Record<string, unknown>[] = [];
  readonly rawOutput: string[] = [];
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly name: AppName,
    private readonly env: Record<string, string>,
  ) {}

  /** `overrides` change the environment of this start only (e.g. a test-only crash hook). */
  start(overrides: Record<string, string> = {}): void {
    const child = spawn(process.execPath, [resolve(ROOT, 'apps', this.name, 'dist', 'main.js')], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'test', ...this.env, ...overrides },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    mkdirSync(TEST_LOG_DIR, { recursive: true });
    const logFile = join(TEST_LOG_DIR, `${child.pid ?? `${process.pid}-${Date.now()}`}-${this.name}.log`);
    this.exited = new Promise((done) => child.once('exit', () => done()));
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        this.rawOutput.push(line);
        // Synchronous, so every line is on disk before the teardown scans it.
        appendFileSync(logFile, `${line}\n`);
        try {
          this.logs.push(JSON.parse(line));
        } catch {
          // not a JSON log line (e.g. a crash message); kept in rawOutput
        }
      });
    }
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async waitForLog(
    predicate: (line: Record<string, unknown>) => boolean,
    fromIndex = 0,
    timeoutMs = 60_000,
  ): Promise<void> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (this.logs.slice(fromIndex).some(predicate)) return;
      if (!this.running)
        throw new Error(`${this.name} exited during start-up:\n${this.rawOutput.slice(-20).join('\n')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(
      `${this.name} did not become ready within ${timeoutMs} ms:\n${this.rawOutput.slice(-20).join('\n')}`,
    );
  }

  /** Resolves once the process has exited on its own (e.g. killed itself); fails after `timeoutMs`. */
  async waitForExit(timeoutMs = 30_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${this.name} did not exit within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    await Promise.race([this.exited, timeout]).finally(() => clearTimeout(timer));
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 5_000): Promise<void> {
    if (!this.running) return;
    this.child!.kill(signal);
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
