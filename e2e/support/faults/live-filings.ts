import { randomUUID } from 'node:crypto';
import { DelegationWorld, type Json } from '../delegation-world';
import {
  alignGovsimClock,
  approve,
  type ApproverSession,
  execute,
  onboard,
  signInApprover,
} from '../filing-world';
import { meldingXml, twoMonthTerms, validMelding } from '../mva-melding';
import { readJson } from '../read-json';
import type { StackOptions } from '../stack';

/** Fixture companies that are VAT-registered and pass every preflight check. */
export const FILING_ORGS = ['315678420', '315678439', '315678463'];
const TERMINAL = ['submitted', 'needs_confirmation', 'failed', 'dead_lettered'];
/** Answers a customer's code retries with the same Idempotency-Key (the stack was busy or down). */
const RETRY_LATER = new Set([408, 409, 429, 500, 502, 503, 504]);

export interface LiveFiling {
  orgnr: string;
  reference: string;
  body: { type: 'mva_melding'; orgnr: string; payload: string };
  key: string;
  token?: string;
  /** Set once the live call was answered 202 (the action was accepted). */
  actionId?: string;
  /** A final refusal of the live call (not retried), as `status code`. */
  refusal?: string;
  /** Answers that were retried: 5xx, 409, 429 or no answer at all. */
  retries: number;
}

export interface FinalAction {
  id: string;
  status: string;
  step: string;
  lastError: Json;
}

/**
 * Live filings the way a customer's code and its approver make them, through the gateway: dry
 * run, approval by a signed-in approver, the live call with an Idempotency-Key; every answer that
 * says "try again" is retried with the same key (as the API documents), so an outage delays a
 * filing but never makes the client file twice.
 */
export class LiveFilingWorld {
  private session!: ApproverSession;
  private readonly run = randomUUID().slice(0, 8);
  private counter = 0;

  private constructor(readonly world: DelegationWorld) {}

  static async start(
    env: Record<string, string>,
    orgs = FILING_ORGS,
    apps: StackOptions['apps'] = ['govsim', 'registry-sync', 'auth-broker', 'filing', 'gateway'],
  ): Promise<LiveFilingWorld> {
    const world = await DelegationWorld.start(apps, {
      DELEGATION_RECONCILE_SECONDS: '2',
      APPROVAL_TOKEN_TTL_SECONDS: '7200',
      FILING_RECOVERY_SECONDS: '1',
      FILING_BACKOFF_BASE_MS: '50',
      FILING_FEEDBACK_POLL_MS: '100',
      FILING_LOCK_DURATION_MS: '2000',
      ...env,
    });
    const live = new LiveFilingWorld(world);
    try {
      await alignGovsimClock(world);
      await world.control('PUT', 'altinn-apps/settings', { feedback_delay_ms: 200 });
      for (const orgnr of orgs) await onboard(world, 'a', orgnr);
      live.session = await signInApprover(world, 'a');
    } catch (error) {
      await world.stop();
      throw error;
    }
    return live;
  }

  stop(): Promise<void> {
    return this.world.stop();
  }

  newFiling(orgnr: string): LiveFiling {
    this.counter += 1;
    const reference = `faults-${this.run}-${this.counter}`;
    const melding = validMelding(orgnr, twoMonthTerms().ended, reference);
    return {
      orgnr,
      reference,
      body: { type: 'mva_melding', orgnr, payload: meldingXml(melding) },
      key: `faults-${this.run}-${this.counter}-${randomUUID()}`,
      retries: 0,
    };
  }

  /** Dry run and approval, retried while the stack answers "try again", until `deadline`. */
  async approveFiling(filing: LiveFiling, deadline: number): Promise<void> {
    for (;;) {
      const dry = await this.attempt(
        () => this.world.api('a', '/api/v1/actions/execute?dry_run=true', filing.body),
        filing,
        deadline,
      );
      if (dry.status !== 200) throw new Error(`dry run answered ${dry.status}: ${JSON.stringify(dry.body)}`);
      if (!dry.body.approval_request) {
        // a check that could not be confirmed right now (an upstream fault) blocks it: ask again
        if (Date.now() > deadline) throw new Error(`dry run blocked: ${JSON.stringify(dry.body.checks)}`);
        filing.retries += 1;
        await pause(200);
        continue;
      }
      const approved = await this.attempt(
        () => approve(this.world, this.session, dry.body.approval_request.id),
        filing,
        deadline,
      );
      if (approved.status !== 201) throw new Error(`approve answered ${approved.status}`);
      filing.token = approved.body.approval_token;
      return;
    }
  }

  /** The live call, retried with the same key and token while the answer says "try again". */
  async submitLive(filing: LiveFiling, deadline: number): Promise<void> {
    const answer = await this.attempt(
      () => execute(this.world, 'a', filing.body, { key: filing.key, token: filing.token! }),
      filing,
      deadline,
    );
    if (answer.status === 202) filing.actionId = answer.body.action_id;
    else filing.refusal = `${answer.status} ${answer.body?.code ?? ''}`.trim();
  }

  /** Polls each accepted action through the API until it is final (or `timeoutMs` pass). */
  async settle(filings: LiveFiling[], timeoutMs: number): Promise<Map<string, FinalAction>> {
    const final = new Map<string, FinalAction>();
    const started = Date.now();
    const pending = () => filings.filter((f) => f.actionId && !final.has(f.actionId));
    while (pending().length && Date.now() - started < timeoutMs) {
      await pool(pending(), 4, async (f) => {
        const response = await this.world.api('a', `/api/v1/actions/${f.actionId}`).catch(() => null);
        if (response?.status !== 200) return;
        const view = await readJson(response);
        if (TERMINAL.includes(view.status))
          final.set(f.actionId!, {
            id: view.id,
            status: view.status,
            step: view.step,
            lastError: view.error,
          });
      });
      if (pending().length) await pause(500);
    }
    return final;
  }

  /** How many times govsim's Altinn app delivered each reference to Skatteetaten. */
  async deliveries(): Promise<Map<string, number>> {
    const ledger = await readJson(await this.world.control('GET', 'altinn-apps/submissions'));
    return new Map(
      (ledger.per_reference as Json[]).map((r) => [r.regnskapssystemsreferanse as string, r.count as number]),
    );
  }

  private async attempt(
    call: () => Promise<Response>,
    filing: LiveFiling,
    deadline: number,
  ): Promise<{ status: number; body: Json }> {
    for (;;) {
      const response = await call().catch(() => null);
      const body = response ? await response.json().catch(() => null) : null;
      if (response && !RETRY_LATER.has(response.status)) return { status: response.status, body };
      if (Date.now() > deadline) return { status: response?.status ?? 0, body };
      filing.retries += 1;
      const retryAfter = Number(response?.headers.get('retry-after'));
      await pause(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 5) * 1_000 : 300);
    }
  }
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function pool<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(runners);
}
