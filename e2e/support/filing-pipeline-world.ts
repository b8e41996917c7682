import {
  type ActionEvent,
  BINDING_ACTIONS,
  SUBJECTS,
  ReceiptVerificationSchema,
  type SignedReceipt,
} from '@apier/contracts';
import { createPrismaClient, type PrismaClient } from '@apier/db';
import { RpcClient } from '@apier/platform';
import { createHash, randomUUID } from 'node:crypto';
import { JSONCodec } from 'nats';
import { DelegationWorld, eventually, type Json, type Who } from './delegation-world';
import { osloToday } from '@apier/mva';
import { meldingXml, twoMonthTerms, validMelding } from './mva-melding';
import { readJson } from './read-json';

export const VAT = BINDING_ACTIONS.mva_melding.required_access_packages[0];
export const TAX = 'urn:altinn:accesspackage:skatt-naering';
const APPS = '/govsim/control/altinn-apps';

/** An ordinary return for the last ended two-monthly term that passes every rule. */
export function validMeldingXml(orgnr: string, reference: string): string {
  return meldingXml(validMelding(orgnr, twoMonthTerms().ended, reference));
}

/** One that Skatteetaten rejects: output VAT without grunnlag and sats. */
export function invalidMeldingXml(orgnr: string, reference: string): string {
  return validMeldingXml(orgnr, reference).replace(/<grunnlag>20000<\/grunnlag>\s*<sats>25<\/sats>/, '');
}

export type ActionRow = NonNullable<Awaited<ReturnType<FilingPipelineWorld['action']>>>;

/**
 * The filing pipeline against the real stack: accounts with active delegations (through govsim's
 * Altinn), actions put straight into the run's database as the live execute call records them
 * (status `queued`, the `action.queued` event, a consumed approval), the recovery sweep enqueueing
 * them, and what govsim's Altinn app received.
 */
export class FilingPipelineWorld {
  readonly actionEvents: ActionEvent[] = [];

  private constructor(
    readonly world: DelegationWorld,
    readonly prisma: PrismaClient,
    private readonly rpc: RpcClient,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<FilingPipelineWorld> {
    const world = await DelegationWorld.start(['govsim', 'auth-broker', 'filing', 'gateway'], {
      DELEGATION_RECONCILE_SECONDS: '2',
      FILING_RECOVERY_SECONDS: '1',
      FILING_BACKOFF_BASE_MS: '50',
      FILING_FEEDBACK_POLL_MS: '100',
      FILING_LOCK_DURATION_MS: '2000',
      ...env,
    });
    const prisma = createPrismaClient({
      url: world.stack.db.url,
      schema: world.stack.db.schema,
      poolSize: 3,
    });
    const pipeline = new FilingPipelineWorld(
      world,
      prisma,
      new RpcClient(world.nc, `${world.stack.token}.`, 8_000),
    );
    const codec = JSONCodec<ActionEvent>();
    world.nc.subscribe(`${world.stack.token}.apier.events.action.>`, {
      callback: (_err, msg) => pipeline.actionEvents.push(codec.decode(msg.data)),
    });
    const aligned = await world.control('PUT', 'mva-validation/settings', { today: osloToday() });
    if (!aligned.ok) throw new Error(`govsim clock: ${aligned.status}`);
    await world.control('PUT', 'altinn-apps/settings', { feedback_delay_ms: 200 });
    return pipeline;
  }

  async stop(): Promise<void> {
    await this.prisma.$disconnect();
    await this.world.stop();
  }

  /** `who` requests a delegation for `orgnr`, the company's human approves, the reconciler activates. */
  async onboard(who: Who, orgnr: string, packages: string[] = [VAT]): Promise<Json> {
    const created = await this.world.request(who, orgnr, packages);
    const decided = await this.world.decideOnConfirmPage(created.confirm_url, 'approve');
    if (decided.status !== 200) throw new Error(`confirm page answered ${decided.status}`);
    const listed = await eventually(
      () => this.world.list(who, orgnr),
      (l: Json) => l.delegations.some((d: Json) => d.id === created.id && d.status === 'active'),
    );
    return listed.delegations.find((d: Json) => d.id === created.id);
  }

  /** What the live execute call commits (approval consumed, action queued, `action.queued`), without the job. */
  async queueAction(who: Who, orgnr: string, payload: string): Promise<string> {
    const accountId = this.world.accounts[who].id;
    const payloadHash = createHash('sha256').update(payload).digest('hex');
    return this.prisma.$transaction(async (tx) => {
      const approval = await tx.approvalRequest.create({
        data: {
          accountId,
          orgnr,
          actionType: 'mva_melding',
          payloadHash,
          summary: {},
          preflight: [],
          status: 'consumed',
          expiresAt: new Date(Date.now() + 3_600_000),
          tokenConsumedAt: new Date(),
        },
      });
      const action = await tx.action.create({
        data: {
          accountId,
          orgnr,
          type: 'mva_melding',
          payloadHash,
          payload,
          approvalRequestId: approval.id,
          idempotencyKey: randomUUID(),
          status: 'queued',
          step: 'accepted',
        },
      });
      await tx.actionEvent.create({
        data: {
          id: randomUUID(),
          actionId: action.id,
          type: 'action.queued',
          status: 'queued',
          step: 'accepted',
          occurredAt: new Date(),
        },
      });
      return action.id;
    });
  }

  action(id: string) {
    return this.prisma.action.findUnique({
      where: { id },
      include: { events: { orderBy: [{ occurredAt: 'asc' }] }, receipt: true },
    });
  }

  /** Polls the action until it reaches one of `statuses` (or about `timeoutMs` pass). */
  async settled(id: string, statuses: string[], timeoutMs = 60_000): Promise<ActionRow> {
    const started = Date.now();
    for (;;) {
      const action = await this.action(id);
      if (action && statuses.includes(action.status)) return action;
      if (Date.now() - started > timeoutMs)
        throw new Error(`action ${id} is ${action?.status}/${action?.step}, not ${statuses.join('|')}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  /** Returns Skatteetaten received (delivered through the app) with this regnskapssystemsreferanse. */
  async submissions(reference: string): Promise<Json[]> {
    const ledger = await readJson(
      await this.world.control(
        'GET',
        `altinn-apps/submissions?regnskapssystemsreferanse=${encodeURIComponent(reference)}`,
      ),
    );
    return ledger.submissions;
  }

  /** Every instance govsim's app holds for the org. */
  async instances(orgnr: string): Promise<Json[]> {
    return readJson(await fetch(`${this.world.stack.govsimUrl}${APPS}/instances?orgnr=${orgnr}`));
  }

  async faults(rules: Json[]): Promise<void> {
    const response = await this.world.control('PUT', 'faults', rules);
    if (!response.ok) throw new Error(`faults: ${response.status} ${await response.text()}`);
  }

  async appSettings(settings: Json): Promise<void> {
    const response = await fetch(`${this.world.stack.govsimUrl}${APPS}/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(settings),
    });
    if (!response.ok) throw new Error(`app settings: ${response.status}`);
  }

  /** The receipt checked by the filing service's own verifier. */
  verify(receipt: SignedReceipt) {
    return this.rpc.request(SUBJECTS.filing.receipt.verify, { receipt }, ReceiptVerificationSchema);
  }

  eventsOf(actionId: string): ActionEvent[] {
    return this.actionEvents.filter((e) => e.action.id === actionId);
  }
}

/** The receipt row as the API shows it. */
export function signedReceiptOf(action: ActionRow): SignedReceipt {
  const receipt = action.receipt!;
  return {
    envelope: receipt.envelope as SignedReceipt['envelope'],
    signature: {
      key_id: receipt.keyId,
      algorithm: 'HMAC-SHA256',
      canonicalization: 'RFC8785',
      value: receipt.signature,
    },
  };
}

export { eventually };
