import { envUrl, InfrastructureConfigSchema } from '@apier/platform';
import { z } from 'zod';
import { CRASH_POINTS } from './pipeline/crash-hook';
import { parseReceiptSigningKeys } from './receipts/receipt-keyring';

const GOVSIM = 'http://127.0.0.1:4000';

/**
 * `RECEIPT_SIGNING_KEYS`: comma-separated `<key id>:<base64 secret ≥ 32 bytes>`; the first signs,
 * every listed key verifies, so a key is rotated by prepending the new one and dropping the old
 * one only after its receipts no longer need checking. Required when APIER_ENVIRONMENT=live; elsewhere
 * an unset value means the public development key (receipts/receipt-keyring.ts).
 */
export const FilingConfigSchema = InfrastructureConfigSchema.extend({
  /** The Altinn 3 app that takes mva-meldinger (skd/mva-melding-innsending-etm2). */
  ALTINN_MVA_APP_URL: envUrl.default(`${GOVSIM}/skd/mva-melding-innsending-etm2`),
  SKATTEETATEN_BASE_URL: envUrl.default(`${GOVSIM}/skatteetaten`),
  SANDBOX_SKATTEETATEN_BASE_URL: envUrl.default(`${GOVSIM}/skatteetaten`),
  APPROVAL_REQUEST_TTL_SECONDS: z.coerce.number().int().min(60).max(604_800).default(86_400),
  APPROVAL_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  APIER_ENVIRONMENT: z.enum(['test', 'live']).default('test'),
  RECEIPT_SIGNING_KEYS: z.string().min(1).optional(),
  FILING_UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(50).max(120_000).default(10_000),
  FILING_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  FILING_BACKOFF_BASE_MS: z.coerce.number().int().min(10).max(600_000).default(1_000),
  FILING_FEEDBACK_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(1_000),
  FILING_FEEDBACK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
  FILING_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  FILING_LOCK_DURATION_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  /** Interval of the sweep that enqueues unfinished actions without a job again. */
  FILING_RECOVERY_SECONDS: z.coerce.number().int().min(1).max(3_600).default(30),
  /** Test only (refused unless APIER_ENVIRONMENT=test): SIGKILL the process at this pipeline point. */
  FILING_CRASH_AFTER_STEP: z
    .string()
    .refine((point) => CRASH_POINTS.includes(point), `one of ${CRASH_POINTS.join(', ')}`)
    .optional(),
}).superRefine((config, ctx) => {
  if (config.FILING_CRASH_AFTER_STEP && config.APIER_ENVIRONMENT !== 'test') {
    ctx.addIssue({
      code: 'custom',
      path: ['FILING_CRASH_AFTER_STEP'],
      message: 'the crash hook exists for tests only; it is refused unless APIER_ENVIRONMENT=test',
    });
  }
  if (config.RECEIPT_SIGNING_KEYS) {
    try {
      parseReceiptSigningKeys(config.RECEIPT_SIGNING_KEYS);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['RECEIPT_SIGNING_KEYS'], message: (error as Error).message });
    }
  } else if (config.APIER_ENVIRONMENT === 'live') {
    ctx.addIssue({
      code: 'custom',
      path: ['RECEIPT_SIGNING_KEYS'],
      message: 'receipt signing keys are required when APIER_ENVIRONMENT=live',
    });
  }
});
export type FilingConfig = z.infer<typeof FilingConfigSchema>;
