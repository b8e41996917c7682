import {
  ACTION_EVENT_TYPES,
  type ActionError,
  type ActionEvent,
  type ActionStatus,
  type PipelineStep,
  type SignedReceipt,
} from '@apier/contracts';
import { Prisma, type PrismaClient } from '@apier/db';
import { randomUUID } from 'node:crypto';
import { type PipelineProgress, readProgress } from './pipeline-progress';

/** An action as the pipeline works on it. */
export interface PipelineAction {
  id: string;
  accountId: string;
  orgnr: string;
  type: string;
  payloadHash: string;
  payload: string;
  status: ActionStatus;
  step: PipelineStep;
  progress: PipelineProgress;
  attempts: number;
  altinnInstanceId: string | null;
  feedbackReference: string | null;
}

/** Columns a step may set besides its progress. */
export interface ActionColumns {
  altinnInstanceId?: string;
  feedbackReference?: string;
  confirmUrl?: string;
}

export type TerminalStatus = 'failed' | 'dead_lettered' | 'needs_confirmation';

/** Another run of the same action holds it now (this one stalled and was replaced): stop touching it. */
export class SupersededRun extends Error {
  constructor(actionId: string) {
    super(`Action ${actionId} is being run by another worker`);
    this.name = 'SupersededRun';
  }
}

const PUBLIC_EVENT_TYPES: readonly string[] = ACTION_EVENT_TYPES;
const UNFINISHED: ActionStatus[] = ['queued', 'running'];

type Tx = Prisma.TransactionClient;

/**
 * The pipeline's reads and writes of `actions` and `action_events`. A run is fenced by the attempt
 * number it started: every write applies only while the action is still `running` under that
 * attempt, so a worker that lost its job to stalled-job detection can no longer change the action.
 * A status change and its history entry are one transaction; the `action.*` entries that are
 * published (the outbox) stay unpublished until the publisher has sent them, history-only entries
 * are marked published at once so the outbox never has to look at them.
 */
export class PipelineActionRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async find(id: string): Promise<PipelineAction | null> {
    const row = await this.prisma.action.findUnique({ where: { id } });
    if (!row) return null;
    return {
      id: row.id,
      accountId: row.accountId,
      orgnr: row.orgnr,
      type: row.type,
      payloadHash: row.payloadHash,
      payload: row.payload,
      status: row.status,
      step: row.step as PipelineStep,
      progress: readProgress(row.progress),
      attempts: row.attempts,
      altinnInstanceId: row.altinnInstanceId,
      feedbackReference: row.feedbackReference,
    };
  }

  /** Claims the action for a new attempt; null when it is finished or another run claimed it first. */
  async beginAttempt(action: PipelineAction, detail: Record<string, unknown>): Promise<number | null> {
    const attempt = action.attempts + 1;
    return this.prisma.$transaction(async (tx) => {
      const claimed = await tx.action.updateMany({
        where: { id: action.id, attempts: action.attempts, status: { in: UNFINISHED } },
        data: { attempts: attempt, status: 'running' },
      });
      if (claimed.count === 0) return null;
      await this.history(tx, action.id, 'action.attempt_started', 'running', action.step, {
        attempt,
        ...detail,
      });
      return attempt;
    });
  }

  /** Stores a step's result and moves the action past it. */
  async completeStep(
    run: { actionId: string; attempt: number },
    step: PipelineStep,
    progress: PipelineProgress,
    columns: ActionColumns,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await this.fenced(tx, run, { step, progress: progress as Prisma.InputJsonObject, ...columns });
      await this.history(tx, run.actionId, 'action.step_completed', 'running', step, detail);
    });
  }

  /** Stores progress inside a step (e.g. the intent to create an instance) without moving on. */
  async saveProgress(run: { actionId: string; attempt: number }, progress: PipelineProgress): Promise<void> {
    await this.prisma.$transaction((tx) =>
      this.fenced(tx, run, { progress: progress as Prisma.InputJsonObject }),
    );
  }

  /** Adds a history entry to a running action (a retry scheduled, a possible orphan noticed). */
  async note(
    run: { actionId: string; attempt: number },
    type: string,
    step: string,
    detail: Record<string, unknown>,
    lastError?: ActionError,
  ): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await this.fenced(tx, run, lastError ? { lastError } : {});
      await this.history(tx, run.actionId, type, 'running', step, detail);
    });
  }

  /** Ends the action in a state that needs a person (or nobody): failed, dead-lettered, waiting for confirmation. */
  async finish(
    run: { actionId: string; attempt: number },
    status: TerminalStatus,
    step: string,
    detail: Record<string, unknown>,
    changes: { lastError?: ActionError; confirmUrl?: string },
  ): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await this.fenced(tx, run, {
        status,
        ...(changes.lastError ? { lastError: changes.lastError } : {}),
        ...(changes.confirmUrl ? { confirmUrl: changes.confirmUrl } : {}),
        // Waiting for a person is not an end: the return is delivered only once someone signs.
        ...(status === 'needs_confirmation' ? {} : { completedAt: new Date() }),
      });
      await this.history(tx, run.actionId, `action.${status}`, status, step, detail);
    });
  }

  /**
   * The last step: `issue` writes the receipt in the same transaction that marks the action
   * submitted, so there is never a submitted action without its receipt or the other way round.
   */
  async submit(
    run: { actionId: string; attempt: number },
    issue: (tx: Tx) => Promise<SignedReceipt>,
    detailFor: (receipt: SignedReceipt) => Record<string, unknown>,
  ): Promise<SignedReceipt> {
    return this.prisma.$transaction(async (tx) => {
      const receipt = await issue(tx);
      await this.fenced(tx, run, {
        status: 'submitted',
        step: 'done',
        completedAt: new Date(),
        lastError: Prisma.DbNull,
      });
      await this.history(tx, run.actionId, 'action.submitted', 'submitted', 'done', detailFor(receipt));
      return receipt;
    });
  }

  /** Actions still to be worked on and untouched for `idleMs`, oldest first (the recovery sweep). */
  async unfinished(idleMs: number, limit: number): Promise<{ id: string; status: ActionStatus }[]> {
    return this.prisma.action.findMany({
      where: { status: { in: UNFINISHED }, updatedAt: { lt: new Date(Date.now() - idleMs) } },
      orderBy: { updatedAt: 'asc' },
      take: limit,
      select: { id: true, status: true },
    });
  }

  /** Outbox: `action.*` events not yet on JetStream, in the order they happened. */
  async unpublishedEvents(limit: number): Promise<ActionEvent[]> {
    const rows = await this.prisma.actionEvent.findMany({
      where: { publishedAt: null, type: { in: [...PUBLIC_EVENT_TYPES] } },
      orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
      take: limit,
      include: {
        action: { select: { id: true, accountId: true, orgnr: true, type: true, altinnInstanceId: true } },
      },
    });
    return rows.map((row) => ({
      id: row.id,
      type: row.type as ActionEvent['type'],
      occurred_at: row.occurredAt.toISOString(),
      account_id: row.action.accountId,
      action: {
        id: row.action.id,
        orgnr: row.action.orgnr,
        type: row.action.type,
        status: row.status,
        step: row.step,
        altinn_instance_id: row.action.altinnInstanceId,
      },
    }));
  }

  async markPublished(id: string, at: Date): Promise<void> {
    await this.prisma.actionEvent.update({ where: { id }, data: { publishedAt: at } });
  }

  private async fenced(
    tx: Tx,
    run: { actionId: string; attempt: number },
    data: Prisma.ActionUpdateManyMutationInput,
  ): Promise<void> {
    const updated = await tx.action.updateMany({
      where: { id: run.actionId, attempts: run.attempt, status: 'running' },
      data: { ...data, updatedAt: new Date() },
    });
    if (updated.count === 0) throw new SupersededRun(run.actionId);
  }

  private async history(
    tx: Tx,
    actionId: string,
    type: string,
    status: ActionStatus,
    step: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    const at = new Date();
    await tx.actionEvent.create({
      data: {
        id: randomUUID(),
        actionId,
        type,
        status,
        step,
        detail: detail as Prisma.InputJsonObject,
        occurredAt: at,
        publishedAt: PUBLIC_EVENT_TYPES.includes(type) ? null : at,
      },
    });
  }
}
