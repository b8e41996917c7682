import { type CompanyChangedEvent, CompanyContextSchema, eventStreamName } from '@apier/contracts';
import { testInfrastructure } from '@apier/testing';
import { Redis } from 'ioredis';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { Client } from 'pg';
import { readJson } from './read-json';
import { Stack } from './stack';

const CLI = resolve(__dirname, '../../apps/gateway/dist/admin-cli/apier-cli.js');
const PEPPER = 'e2e-api-key-pepper-0123456789abcdefgh';
const run = promisify(execFile);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface LoggedRequest {
  method: string;
  url: string;
  path: string;
  status: number;
  received_at: string;
}

/**
 * govsim, registry-sync and the gateway with an API key of one account, plus what the freshness
 * stories look at: govsim's request log and control API, the stack's Postgres schema and every
 * `company.changed` event published on the stack's JetStream subjects.
 */
export class RegistryFreshnessWorld {
  readonly events: CompanyChangedEvent[] = [];

  private constructor(
    readonly stack: Stack,
    readonly nc: NatsConnection,
    readonly apiKey: string,
  ) {}

  static async start(env: Record<string, string>): Promise<RegistryFreshnessWorld> {
    const stack = await Stack.start({
      apps: ['govsim', 'registry-sync', 'gateway'],
      env: { API_KEY_PEPPER: PEPPER, ...env },
    });
    const cli = async (args: string[]) => {
      const cliEnv = {
        PATH: process.env['PATH'] ?? '',
        DATABASE_URL: stack.db.url,
        DATABASE_SCHEMA: stack.db.schema,
        API_KEY_PEPPER: PEPPER,
        LOG_LEVEL: 'warn',
      };
      return JSON.parse((await run(process.execPath, [CLI, ...args], { env: cliEnv })).stdout);
    };
    const { account } = await cli(['accounts', 'create', '--name', 'Regnskap Freshness AS']);
    const issued = await cli([
      'keys',
      'issue',
      '--account',
      account.id,
      '--mode',
      'test',
      '--scopes',
      'company:read',
    ]);
    const nc = await connect({ servers: testInfrastructure().natsUrl });
    const world = new RegistryFreshnessWorld(stack, nc, issued.api_key);
    const codec = JSONCodec<CompanyChangedEvent>();
    nc.subscribe(`${stack.token}.apier.events.company.changed`, {
      callback: (_err, msg) => world.events.push(codec.decode(msg.data)),
    });
    return world;
  }

  /** The production context as a customer's code asks for it. */
  contextResponse(orgnr: string): Promise<Response> {
    return fetch(`${this.stack.gatewayUrl}/api/v1/company/${orgnr}/context`, {
      headers: { authorization: `Bearer ${this.apiKey}` },
    });
  }

  async context(orgnr: string) {
    const response = await this.contextResponse(orgnr);
    expect(response.status).toBe(200);
    return CompanyContextSchema.parse(await response.json());
  }

  async sandboxContext() {
    const response = await fetch(`${this.stack.gatewayUrl}/api/v1/sandbox/public/company/999999999/context`);
    expect(response.status).toBe(200);
    return CompanyContextSchema.parse(await response.json());
  }

  async control(method: string, path: string, body?: unknown): Promise<Json> {
    const response = await fetch(`${this.stack.govsimUrl}/govsim/control/${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    expect(response.status).toBeLessThan(300);
    return response.status === 204 ? null : readJson(response);
  }

  /** Requests govsim answered whose URL names the organisation (NAV's carry it in a header instead). */
  async requestsFor(orgnr: string): Promise<LoggedRequest[]> {
    const { requests } = await this.control('GET', 'requests');
    return (requests as LoggedRequest[]).filter((r) => r.url.includes(orgnr));
  }

  async query<T = Json>(sql: string, params: unknown[] = []): Promise<T[]> {
    const db = new Client({ connectionString: this.stack.db.url });
    await db.connect();
    try {
      await db.query(`SET search_path TO "${this.stack.db.schema}"`);
      return (await db.query(sql, params)).rows as T[];
    } finally {
      await db.end();
    }
  }

  async stop(): Promise<void> {
    await this.stack.stop();
    const jsm = await this.nc.jetstreamManager().catch(() => null);
    await jsm?.streams.delete(eventStreamName(`${this.stack.token}.`)).catch(() => undefined);
    await this.nc.drain();
    const redis = new Redis(testInfrastructure().redisUrl);
    const keys = await redis.keys(`${this.stack.token}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
}

/** Polls until `done` holds (or `ms` pass) and returns the last value. */
export async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  ms = 20_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() - started > ms) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Object keys at every depth (first element of arrays of objects), to compare two answers by shape. */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.length && value[0] && typeof value[0] === 'object' ? [shapeOf(value[0])] : 'array';
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, shapeOf((value as Record<string, unknown>)[key])]),
    );
  }
  return 'value';
}
