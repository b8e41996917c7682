import { Client } from 'pg';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { readJson } from './read-json';
import { Stack, type StackOptions } from './stack';

const CLI = resolve(__dirname, '../../apps/gateway/dist/admin-cli/apier-cli.js');
const PEPPER = 'e2e-api-key-pepper-0123456789abcdefgh';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Signed {
  cookie: string;
  csrf: string;
}

/**
 * A stack for the approval-gate stories: the operator's CLI, approval requests placed in the
 * stack's own schema (as a dry run leaves them), and approvers signing in through the gateway.
 */
export class ApproverWorld {
  private constructor(readonly stack: Stack) {}

  static async start(apps: StackOptions['apps'], env: Record<string, string> = {}): Promise<ApproverWorld> {
    return new ApproverWorld(await Stack.start({ apps, env: { API_KEY_PEPPER: PEPPER, ...env } }));
  }

  get url(): string {
    return this.stack.gatewayUrl;
  }

  /** Runs the built `apier` CLI against this stack's database; `stdin` is piped in when given. */
  cli(args: string[], stdin?: string): Promise<Json> {
    return new Promise((done, fail) => {
      const child = execFile(
        process.execPath,
        [CLI, ...args],
        {
          env: {
            PATH: process.env['PATH'] ?? '',
            DATABASE_URL: this.stack.db.url,
            DATABASE_SCHEMA: this.stack.db.schema,
            API_KEY_PEPPER: PEPPER,
            LOG_LEVEL: 'warn',
          },
        },
        (error, stdout, stderr) =>
          error ? fail(new Error(`${error.message}\n${stderr}`)) : done(JSON.parse(stdout)),
      );
      child.stdin!.end(stdin ?? '');
    });
  }

  async account(name: string): Promise<{ id: string; key: string }> {
    const id = (await this.cli(['accounts', 'create', '--name', name])).account.id;
    const issued = await this.cli([
      'keys',
      'issue',
      '--account',
      id,
      '--mode',
      'test',
      '--scopes',
      'actions:read,actions:write',
    ]);
    return { id, key: issued.api_key };
  }

  async approver(accountId: string, email: string, password: string): Promise<Json> {
    return (
      await this.cli(
        [
          'approvers',
          'create',
          '--account',
          accountId,
          '--email',
          email,
          '--name',
          `Approver ${email}`,
          '--password-stdin',
        ],
        `${password}\n`,
      )
    ).approver;
  }

  async sql(text: string, params: unknown[] = []): Promise<Json[]> {
    const client = new Client({ connectionString: this.stack.db.url });
    await client.connect();
    try {
      await client.query(`SET search_path TO "${this.stack.db.schema}"`);
      return (await client.query(text, params)).rows;
    } finally {
      await client.end();
    }
  }

  /** A pending approval request as a ready dry run leaves it (the lead's dry run creates the same row). */
  async approvalRequest(
    accountId: string,
    summary: Json = { term: '2026-5', amount_due: 12500 },
  ): Promise<string> {
    const id = randomUUID();
    await this.sql(
      `INSERT INTO approval_requests (id, account_id, orgnr, action_type, payload_hash, summary, preflight, expires_at)
       VALUES ($1, $2, '999999999', 'mva_melding', $3, $4, $5, now() + interval '1 hour')`,
      [
        id,
        accountId,
        'ab'.repeat(32),
        JSON.stringify(summary),
        JSON.stringify([
          {
            check: 'company_exists',
            status: 'pass',
            code: 'company_active',
            message: 'Registered',
            details: {},
          },
          {
            check: 'deadline_window',
            status: 'warn',
            code: 'late_filing',
            message: 'After the deadline',
            details: {},
          },
        ]),
      ],
    );
    return id;
  }

  /** Signs in with JSON, as an approver tool would. */
  async signIn(email: string, password: string): Promise<Signed> {
    const response = await this.post('/approvals/login', { email, password });
    if (response.status !== 200)
      throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
    return { cookie: sessionCookie(response), csrf: (await readJson(response)).csrf_token };
  }

  post(path: string, body: Json, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(this.url + path, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }

  form(
    path: string,
    fields: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    return fetch(this.url + path, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(this.url + path, { redirect: 'manual', headers });
  }

  async stop(): Promise<void> {
    await this.stack.stop();
  }
}

/** `name=value` of the session cookie a sign-in set. */
export function sessionCookie(response: Response): string {
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
}
