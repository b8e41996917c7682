import type { ApierError } from '@apier/contracts';
import type { AltinnAppClient } from '../altinn-app.client';
import type { MvaValidationClient } from '../mva-validation.client';
import type { ActionColumns, PipelineAction } from '../pipeline-action.repository';
import type { PipelineProgress } from '../pipeline-progress';
import type { SystemUserToken } from '../system-user-token';

/** The app's API as the steps use it (the client's public methods). */
export type AltinnApp = { [K in keyof AltinnAppClient]: AltinnAppClient[K] };

export interface FeedbackSettings {
  pollMs: number;
  timeoutMs: number;
}

/** What a step works with: the action as stored, the upstream clients, and ways to record as it goes. */
export interface StepContext {
  action: PipelineAction;
  attempt: number;
  token: Pick<SystemUserToken, 'refresh' | 'bearer'>;
  app: AltinnApp;
  validation: Pick<MvaValidationClient, 'validate'>;
  feedback: FeedbackSettings;
  /** Stores progress now, inside the step (before a call whose answer could be lost). */
  saveProgress(patch: PipelineProgress): Promise<void>;
  /** Adds a history entry without moving on. */
  note(type: string, detail: Record<string, unknown>): Promise<void>;
  /** A point the test-only crash hook may stop at. */
  checkpoint(point: string): void;
  sleep(ms: number): Promise<void>;
  now(): Date;
}

/** The step is done: store this and go on. */
export interface StepDone {
  kind: 'done';
  progress: PipelineProgress;
  columns?: ActionColumns;
  /** History detail: ids and verdicts, never a token or the return itself. */
  detail: Record<string, unknown>;
}

/** The pipeline ends here, in a state a person has to look at. */
export interface StepStop {
  kind: 'stop';
  status: 'failed' | 'needs_confirmation' | 'dead_lettered';
  error?: ApierError;
  progress?: PipelineProgress;
  confirmUrl?: string;
  detail: Record<string, unknown>;
}

export type StepResult = StepDone | StepStop;

export type Step = (ctx: StepContext) => Promise<StepResult>;

export const done = (
  progress: PipelineProgress,
  detail: Record<string, unknown>,
  columns?: ActionColumns,
): StepDone => ({
  kind: 'done',
  progress,
  detail,
  ...(columns ? { columns } : {}),
});

/** The instance a step works on; steps after `create_instance` only run once it is stored. */
export function createdInstance(ctx: StepContext) {
  const created = ctx.action.progress.create_instance;
  if (!created) throw new Error(`action ${ctx.action.id} has no instance yet`);
  return created;
}
