import { randomUUID } from 'node:crypto';
import {
  type AcceptedAction,
  ApierError,
  type ExecuteActionRequest,
  type DryRunResult,
  type LiveExecuteRequest,
  type PreflightCheck,
} from '@apier/contracts';
import { Prisma, type PrismaClient } from '@apier/db';
import type { AppLogger } from '@apier/platform';
import type { ApprovalRequestStore } from '../approvals/approval-request.store';
import type { ApprovalTokenStore } from '../approvals/approval-token.store';
import type { FilingPipeline } from '../pipeline/filing-pipeline';
import type { PreflightService } from '../preflight/preflight.service';

const DELEGATION_REFUSALS = new Set([
  'delegation_not_found',
  'delegation_pending',
  'delegation_rejected',
  'delegation_expired',
  'delegation_revoked',
  'delegation_inactive',
  'delegation_unconfirmable',
]);

/**
 * The dry run and the live call of `POST /api/v1/actions/execute`. The live call re-runs the
 * preflight (the delegation is confirmed with Altinn again), consumes the approval token and
 * records the action in one transaction, then hands it to the pipeline. Re-running it with the
 * same Idempotency-Key finds the action already recorded, so a crash between the commit and the
 * reply never files twice.
 */
export class ExecuteActionService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly preflight: PreflightService,
    private readonly approvals: ApprovalRequestStore,
    private readonly tokens: ApprovalTokenStore,
    private readonly pipeline: FilingPipeline,
    private readonly logger: AppLogger,
  ) {}

  async dryRun(request: ExecuteActionRequest): Promise<DryRunResult> {
    const outcome = await this.preflight.run({
      accountId: request.account_id,
      sandbox: request.sandbox,
      body: request.body,
    });
    const approval =
      outcome.ready && !request.sandbox && request.account_id !== null
        ? await this.approvals.create({
            accountId: request.account_id,
            orgnr: request.body.orgnr,
            actionType: request.body.type,
            payloadHash: outcome.payloadHash,
            summary: outcome.summary,
            preflight: outcome.checks,
          })
        : null;
    return {
      dry_run: true,
      sandbox: request.sandbox,
      type: request.body.type,
      orgnr: request.body.orgnr,
      payload_hash: outcome.payloadHash,
      outcome: outcome.ready ? 'ready' : 'blocked',
      checks: outcome.checks,
      approval_request: approval,
    };
  }

  async execute(request: LiveExecuteRequest): Promise<AcceptedAction> {
    const already = await this.findByKey(request.account_id, request.idempotency_key);
    if (already) return this.resume(already);

    const outcome = await this.preflight.run({
      accountId: request.account_id,
      sandbox: false,
      body: request.body,
    });
    if (!outcome.ready) throw refusal(outcome.checks);

    try {
      const action = await this.prisma.$transaction(async (tx) => {
        const { approvalRequestId } = await this.tokens.consume(tx, {
          token: request.approval_token,
          accountId: request.account_id,
          orgnr: request.body.orgnr,
          actionType: request.body.type,
          payloadHash: outcome.payloadHash,
        });
        const now = new Date();
        const created = await tx.action.create({
          data: {
            accountId: request.account_id,
            orgnr: request.body.orgnr,
            type: request.body.type,
            payloadHash: outcome.payloadHash,
            payload: request.body.payload,
            approvalRequestId,
            idempotencyKey: request.idempotency_key,
            status: 'queued',
            step: 'accepted',
          },
        });
        await tx.actionEvent.create({
          data: {
            id: randomUUID(),
            actionId: created.id,
            type: 'action.queued',
            status: 'queued',
            step: 'accepted',
            detail: {
              checks: outcome.checks.map((c) => ({ check: c.check, status: c.status, code: c.code })),
            },
            occurredAt: now,
          },
        });
        await tx.auditEntry.create({
          data: {
            accountId: request.account_id,
            actor: `account:${request.account_id}`,
            event: 'action.accepted',
            subject: created.id,
            detail: { orgnr: request.body.orgnr, type: request.body.type, payload_hash: outcome.payloadHash },
          },
        });
        return created;
      });
      await this.enqueueOrLeaveToRecovery(action.id);
      return accepted(action.id, 'queued');
    } catch (error) {
      // A concurrent call with the same key won the insert: answer with its action.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        const winner = await this.findByKey(request.account_id, request.idempotency_key);
        if (winner) return this.resume(winner);
      }
      throw error;
    }
  }

  private findByKey(accountId: string, idempotencyKey: string) {
    return this.prisma.action.findUnique({
      where: { accountId_idempotencyKey: { accountId, idempotencyKey } },
      select: { id: true, status: true },
    });
  }

  private async resume(action: { id: string; status: string }): Promise<AcceptedAction> {
    if (action.status === 'queued' || action.status === 'running')
      await this.enqueueOrLeaveToRecovery(action.id);
    return accepted(action.id, action.status as AcceptedAction['status']);
  }

  /**
   * The action is committed, so the answer is 202 even if the queue cannot take the job now
   * (Redis down): the pipeline's recovery sweep enqueues every queued action that has no job.
   */
  private async enqueueOrLeaveToRecovery(actionId: string): Promise<void> {
    try {
      await this.pipeline.enqueue(actionId);
    } catch (error) {
      this.logger.warn(
        { err: error, action_id: actionId },
        'action stored but not enqueued; the recovery sweep will',
      );
    }
  }
}

function accepted(id: string, status: AcceptedAction['status']): AcceptedAction {
  return { action_id: id, status, status_url: `/api/v1/actions/${id}` };
}

/** A refused delegation keeps its own problem type; any other failed check is `preflight_failed`. */
function refusal(checks: PreflightCheck[]): ApierError {
  const failed = checks.filter((c) => c.status === 'fail');
  const delegation = failed.find(
    (c) => c.check === 'system_user_authorised' && DELEGATION_REFUSALS.has(c.code),
  );
  const details = { checks };
  if (delegation) {
    return new ApierError(delegation.code as 'delegation_revoked', delegation.message, { details });
  }
  return new ApierError(
    'preflight_failed',
    `Preflight failed: ${failed.map((c) => `${c.check} (${c.code})`).join(', ')}`,
    { details },
  );
}
