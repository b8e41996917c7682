import { z } from 'zod';

/** Longest a fault may hold a request (latency or timeout), so a forgotten rule cannot wedge a test run. */
export const MAX_HOLD_MS = 60_000;

export const FAULT_KINDS = ['status', 'latency', 'timeout', 'drop', 'rate_limit'] as const;

/**
 * One rule of `PUT /govsim/control/faults`. A request whose path starts with `route_prefix` (whole
 * segments) is hit with probability `probability`, at most `times` times.
 */
export const FaultRuleSchema = z
  .object({
    route_prefix: z.string().startsWith('/'),
    kind: z.enum(FAULT_KINDS),
    /** For `status`: the status to answer with (default 503). */
    status: z.number().int().min(400).max(599).optional(),
    /** For `latency`: the delay before the request goes on. For `timeout`: how long to hold before dropping (default the cap). */
    latency_ms: z.number().int().min(0).max(MAX_HOLD_MS).optional(),
    /** For `rate_limit`: the Retry-After value (default 1). */
    retry_after_s: z.number().int().min(0).max(86_400).optional(),
    probability: z.number().min(0).max(1).default(1),
    times: z.number().int().min(1).optional(),
  })
  .strict()
  .refine((rule) => rule.kind !== 'latency' || rule.latency_ms !== undefined, {
    message: 'a latency rule needs latency_ms',
    path: ['latency_ms'],
  });

export const FaultRulesSchema = z.array(FaultRuleSchema).max(100);

export type FaultRule = z.output<typeof FaultRuleSchema>;
