import {
  type ApierError,
  type ConfirmDelegationReply,
  ConfirmDelegationReplySchema,
  type DelegationEvent,
  SUBJECTS,
} from '@apier/contracts';
import { RpcClient } from '@apier/platform';
import { testInfrastructure } from '@apier/testing';
import { Redis } from 'ioredis';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { readJson } from './read-json';
import { Stack, type StackOptions } from './stack';

const CLI = resolve(__dirname, '../../apps/gateway/dist/admin-cli/apier-cli.js');
const PEPPER = 'e2e-api-key-pepper-0123456789abcdefgh';
const run = promisify(execFile);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
export type Who = 'a' | 'b';

/**
 * Two customer accounts of one Apier stack, with what the delegation stories need: their API
 * calls, govsim's control API (the company's human), the binding check over NATS and every
 * `delegation.*` event the stack publishes.
 */
export class DelegationWorld {
  readonly events: DelegationEvent[] = [];
  readonly accounts = {} as Record<Who, { id: string; key: string }>;

  private constructor(
    readonly stack: Stack,
    readonly nc: NatsConnection,
    private readonly rpc: RpcClient,
  ) {}

  static async start(apps: StackOptions['apps'], env: Record<string, string>): Promise<DelegationWorld> {
    const stack = await Stack.start({ apps, env: { API_KEY_PEPPER: PEPPER, ...env } });
    const nc = await connect({ servers: testInfrastructure().natsUrl });
    const world = new DelegationWorld(stack, nc, new RpcClient(nc, `${stack.token}.`, 8_000));
    const codec = JSONCodec<DelegationEvent>();
    nc.subscribe(`${stack.token}.apier.events.delegation.>`, {
      callback: (_err, msg) => world.events.push(codec.decode(msg.data)),
    });
    for (const who of ['a', 'b'] as const) {
      const id = (await world.cli(['accounts', 'create', '--name', `Regnskap ${who}`])).account.id;
      const issued = await world.cli([
        'keys',
        'issue',
        '--account',
        id,
        '--mode',
        'test',
        '--scopes',
        'delegations:read,delegations:write,company:read,actions:read,actions:write',
      ]);
      world.accounts[who] = { id, key: issued.api_key };
    }
    return world;
  }

  get streamName(): string {
    return `${this.stack.token}_APIER`;
  }

  /** Stops the stack, then removes what the run left in JetStream and Redis. */
  async stop(): Promise<void> {
    await this.stack.stop();
    const jsm = await this.nc.jetstreamManager().catch(() => null);
    await jsm?.streams.delete(this.streamName).catch(() => undefined);
    await this.nc.drain();
    const redis = new Redis(testInfrastructure().redisUrl);
    const keys = await redis.keys(`${this.stack.token}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }

  /** The built admin CLI against this stack's database, as an operator runs it. */
  async cli(args: string[]): Promise<Json> {
    const env = {
      PATH: process.env['PATH'] ?? '',
      DATABASE_URL: this.stack.db.url,
      DATABASE_SCHEMA: this.stack.db.schema,
      API_KEY_PEPPER: PEPPER,
      LOG_LEVEL: 'warn',
    };
    return JSON.parse((await run(process.execPath, [CLI, ...args], { env })).stdout);
  }

  api(who: Who | string, path: string, body?: unknown): Promise<Response> {
    const key = who === 'a' || who === 'b' ? this.accounts[who].key : who;
    return fetch(this.stack.gatewayUrl + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  async request(who: Who, orgnr: string, packages: string[], status = 201): Promise<Json> {
    const response = await this.api(who, '/api/v1/delegations/requests', {
      orgnr,
      access_packages: packages,
    });
    expect(response.status).toBe(status);
    return readJson(response);
  }

  async show(who: Who, id: string): Promise<Json> {
    return readJson(await this.api(who, `/api/v1/delegations/requests/${id}`));
  }

  async list(who: Who, orgnr: string): Promise<Json> {
    return readJson(await this.api(who, `/api/v1/company/${orgnr}/delegations`));
  }

  control(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.stack.govsimUrl}/govsim/control/${path}`, {
      method,
      ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
  }

  /** The company's administrator opens the confirm URL and presses the button. */
  async decideOnConfirmPage(confirmUrl: string, decision: 'approve' | 'reject'): Promise<Response> {
    const page = await (await fetch(confirmUrl)).text();
    const form = new RegExp(
      `<form method="post" action="([^"]*${decision}[^"]*)">\\s*<input type="hidden" name="form_token" value="([^"]+)">`,
    ).exec(page);
    if (!form) throw new Error(`no ${decision} form on the confirm page`);
    return fetch(new URL(form[1]!.replace(/&amp;/g, '&'), this.stack.govsimUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ form_token: form[2]! }).toString(),
    });
  }

  /** The live System User of an account for an org, as govsim (Altinn) holds it. */
  async systemUserOf(who: Who, orgnr: string): Promise<Json> {
    const state = await readJson(await this.control('GET', 'altinn/state'));
    return state.systemUsers.find(
      (u: Json) =>
        u.reporteeOrgNo === orgnr && u.externalRef === `acc-${this.accounts[who].id}` && !u.isDeleted,
    );
  }

  /** The binding check a filing action makes, over NATS. */
  confirm(
    who: Who,
    orgnr: string,
    packages: string[],
  ): Promise<{ reply: ConfirmDelegationReply | null; refusal: ApierError | null }> {
    return this.rpc
      .request(
        SUBJECTS.auth.delegation.confirm,
        { accountId: this.accounts[who].id, orgnr, access_packages: packages },
        ConfirmDelegationReplySchema,
      )
      .then(
        (reply) => ({ reply, refusal: null }),
        (refusal: ApierError) => ({ reply: null, refusal }),
      );
  }

  eventsOf(type: string, delegationId: string): DelegationEvent[] {
    return this.events.filter((e) => e.type === type && e.delegation.id === delegationId);
  }
}

/** Altinn's request id, as the confirm URL carries it (govsim's control API is keyed by it). */
export const altinnRequestId = (delegation: Json): string =>
  new URL(delegation.confirm_url).searchParams.get('id')!;

/** Polls until `done` holds (or about 20 s pass) and returns the last value. */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const value = await probe();
    if (done(value) || i >= 100) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}
