import type { AppLogger } from '@apier/platform';

const STEPS_WITH_UPSTREAM_CALLS = [
  'token',
  'create_instance',
  'upload_envelope',
  'upload_melding',
  'validate',
  'complete_process',
  'await_feedback',
] as const;

/** Every point FILING_CRASH_AFTER_STEP may name. */
export const CRASH_POINTS: readonly string[] = [
  ...STEPS_WITH_UPSTREAM_CALLS.flatMap((step) => [`${step}:unpersisted`, step]),
  'complete_process:first_move',
  'receipt',
];

/**
 * Test-only (honoured only with APIER_ENVIRONMENT=test, refused by the config elsewhere): kills this
 * process with SIGKILL when the pipeline reaches the configured point, so end-to-end tests can prove
 * that a worker dying anywhere resumes without filing twice. Points are `<step>:unpersisted` (the
 * step's upstream call is done, its result not yet stored), `<step>` (stored) and
 * `complete_process:first_move` (between the two process moves).
 */
export class CrashHook {
  constructor(
    private readonly point: string | null,
    private readonly logger: AppLogger,
  ) {}

  reached(point: string, actionId: string): void {
    if (point !== this.point) return;
    this.logger.warn({ point, action_id: actionId }, 'crash hook: killing the filing process');
    process.kill(process.pid, 'SIGKILL');
  }
}
