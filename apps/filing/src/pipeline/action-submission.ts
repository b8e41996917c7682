import { type ActionError, ApierError, PIPELINE_STEPS, type PipelineStep } from '@apier/contracts';
import type { AppLogger, RpcClient } from '@apier/platform';
import { UnrecoverableError } from 'bullmq';
import type { ReceiptIssuer } from '../receipts/receipt-issuer';
import type { ActionEventPublisher } from './action-event-publisher';
import type { AltinnAppClient } from './altinn-app.client';
import type { CrashHook } from './crash-hook';
import type { MvaValidationClient } from './mva-validation.client';
import {
  type PipelineAction,
  type PipelineActionRepository,
  SupersededRun,
  type TerminalStatus,
} from './pipeline-action.repository';
import { RetryLater } from './retry-later';
import { backoffDelayMs, classifyFailure } from './retry-policy';
import { awaitFeedbackStep } from './steps/await-feedback.step';
import { completeProcessStep } from './steps/complete-process.step';
import { createInstanceStep } from './steps/create-instance.step';
import type { FeedbackSettings, Step, StepContext, StepStop } from './steps/step-context';
import { tokenStep } from './steps/token.step';
import { uploadEnvelopeStep } from './steps/upload-envelope.step';
import { uploadMeldingStep } from './steps/upload-melding.step';
import { validateStep } from './steps/validate.step';
import { SystemUserToken } from './system-user-token';

type WorkStep = Exclude<PipelineStep, 'accepted' | 'receipt' | 'done'>;

const STEPS: Record<WorkStep, Step> = {
  token: tokenStep,
  create_instance: createInstanceStep,
  upload_envelope: uploadEnvelopeStep,
  upload_melding: uploadMeldingStep,
  validate: validateStep,
  complete_process: completeProcessStep,
  await_feedback: awaitFeedbackStep,
};

export interface SubmissionOptions {
  maxAttempts: number;
  backoffBaseMs: number;
  upstreamTimeoutMs: number;
  feedback: FeedbackSettings;
}

/** The BullMQ job's own count, next to the action's (which also counts runs that were killed). */
export interface JobAttempts {
  attemptsMade: number;
  maxAttempts: number;
}

/**
 * Runs one action from the step after its last stored one to the end (use case of the worker).
 * Each step's result and a history entry are stored before the next step starts; a run that is
 * killed resumes at the first step without a stored result, and the steps that are not idempotent
 * reconcile with Altinn first. Outcomes: `submitted` with a receipt; `needs_confirmation`;
 * `failed` (a final refusal before delivery); `dead_lettered` (attempts exhausted, or a final
 * error after the return was delivered, which must never read as "not filed"); or a retry later.
 */
export class ActionSubmission {
  constructor(
    private readonly repository: PipelineActionRepository,
    private readonly rpc: RpcClient,
    private readonly app: AltinnAppClient,
    private readonly validation: MvaValidationClient,
    private readonly receipts: ReceiptIssuer,
    private readonly events: ActionEventPublisher,
    private readonly crash: CrashHook,
    private readonly options: SubmissionOptions,
    private readonly logger: AppLogger,
  ) {}

  async run(actionId: string, job: JobAttempts): Promise<void> {
    const action = await this.repository.find(actionId);
    if (!action || (action.status !== 'queued' && action.status !== 'running')) return;
    const attempt = await this.repository.beginAttempt(action, {
      resume_from: action.step,
      job_attempt: job.attemptsMade + 1,
    });
    if (attempt === null) return; // finished meanwhile, or claimed by another run
    action.attempts = attempt;
    action.status = 'running';
    const run = { actionId, attempt };
    const log = this.logger.child({ action_id: actionId, attempt });
    let step = nextStep(action.step);
    try {
      if (attempt > this.options.maxAttempts) throw tooManyRuns(attempt);
      const ctx = this.context(action, attempt);
      while (step !== 'done') {
        if (step === 'receipt') {
          await this.submit(action, attempt);
          log.info({ instance_id: action.altinnInstanceId }, 'action submitted');
          break;
        }
        const result = await STEPS[step as WorkStep](ctx);
        if (result.kind === 'stop') {
          await this.stop(action, attempt, step, result);
          return;
        }
        const progress = { ...action.progress, ...result.progress };
        await this.repository.completeStep(run, step, progress, result.columns ?? {}, result.detail);
        Object.assign(action, { progress, step, ...result.columns });
        log.info({ step }, 'pipeline step done');
        this.crash.reached(step, actionId);
        step = nextStep(step);
      }
    } catch (error) {
      if (error instanceof SupersededRun) {
        log.warn('another run took this action over; this one stops');
        return;
      }
      await this.failure(action, attempt, step, error, job);
    } finally {
      // Not awaited: the events are in the outbox already, and a worker slot waiting for the
      // publisher (which serves every run of the process) is a slot not filing.
      void this.events.flushQuietly();
    }
  }

  private context(action: PipelineAction, attempt: number): StepContext {
    const run = { actionId: action.id, attempt };
    return {
      action,
      attempt,
      token: new SystemUserToken(this.rpc, action, this.options.upstreamTimeoutMs),
      app: this.app,
      validation: this.validation,
      feedback: this.options.feedback,
      saveProgress: async (patch) => {
        const progress = { ...action.progress, ...patch };
        await this.repository.saveProgress(run, progress);
        action.progress = progress;
      },
      note: (type, detail) => this.repository.note(run, type, nextStep(action.step), detail),
      checkpoint: (point) => this.crash.reached(point, action.id),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      now: () => new Date(),
    };
  }

  private async submit(action: PipelineAction, attempt: number): Promise<void> {
    await this.repository.submit(
      { actionId: action.id, attempt },
      (tx) =>
        this.receipts.issue(tx, {
          action_id: action.id,
          account_id: action.accountId,
          orgnr: action.orgnr,
          type: action.type,
          payload_hash: action.payloadHash,
          altinn_instance_id: action.altinnInstanceId!,
          feedback_reference: action.feedbackReference,
          status: 'submitted',
          submitted_at: action.progress.complete_process!.delivered_at,
        }),
      (receipt) => ({
        receipt_id: receipt.envelope.receipt_id,
        key_id: receipt.signature.key_id,
        instance_id: action.altinnInstanceId,
        feedback_reference: action.feedbackReference,
      }),
    );
    this.crash.reached('receipt', action.id);
  }

  private async stop(
    action: PipelineAction,
    attempt: number,
    step: PipelineStep,
    stop: StepStop,
  ): Promise<void> {
    await this.repository.finish({ actionId: action.id, attempt }, stop.status, step, stop.detail, {
      ...(stop.error ? { lastError: actionError(stop.error, step) } : {}),
      ...(stop.confirmUrl ? { confirmUrl: stop.confirmUrl } : {}),
    });
    this.logger.warn({ action_id: action.id, step, status: stop.status }, 'action stopped');
    if (stop.status !== 'needs_confirmation')
      throw new UnrecoverableError(stop.error?.message ?? stop.status);
  }

  /** Retry later, or end the action: failed, or dead-lettered when retries ran out or it was delivered. */
  private async failure(
    action: PipelineAction,
    attempt: number,
    step: PipelineStep,
    error: unknown,
    job: JobAttempts,
  ): Promise<never> {
    const run = { actionId: action.id, attempt };
    const { retryable, retryAfterMs } = classifyFailure(error);
    const cause = actionError(error, step);
    const details = error instanceof ApierError ? (error.details ?? {}) : {};
    const exhausted = attempt >= this.options.maxAttempts || job.attemptsMade + 1 >= job.maxAttempts;
    this.logger.warn(
      { action_id: action.id, step, err: error, retryable, exhausted },
      'pipeline step failed',
    );
    if (retryable && !exhausted) {
      const delayMs = backoffDelayMs(attempt, this.options.backoffBaseMs, retryAfterMs);
      await this.repository.note(
        run,
        'action.retry_scheduled',
        step,
        { attempt, retry_in_ms: delayMs, error: cause, details },
        cause,
      );
      throw new RetryLater(cause.message, delayMs);
    }
    const delivered = action.progress.complete_process !== undefined;
    const status: TerminalStatus = retryable || delivered ? 'dead_lettered' : 'failed';
    await this.repository.finish(
      run,
      status,
      step,
      { attempt, error: cause, details, delivered },
      { lastError: cause },
    );
    throw new UnrecoverableError(cause.message);
  }
}

function nextStep(after: PipelineStep): PipelineStep {
  const index = PIPELINE_STEPS.indexOf(after);
  return PIPELINE_STEPS[Math.min(index + 1, PIPELINE_STEPS.length - 1)]!;
}

/** A worker died in this action this often (stalled-job recoveries count): stop for an operator. */
function tooManyRuns(attempt: number): ApierError {
  return new ApierError('internal', `The action was started ${attempt} times without finishing`, {
    details: { attempts: attempt },
  });
}

/** What the action keeps of an error: the code and message of a typed one, nothing of an untyped one. */
function actionError(error: unknown, step: string): ActionError {
  if (error instanceof ApierError)
    return { code: error.code, message: error.message, retryable: error.retryable, step };
  return { code: 'internal', message: 'The filing worker failed unexpectedly', retryable: true, step };
}
