import { z } from 'zod';
import { ERROR_CODE_LIST, ERROR_CODES, type ErrorCode } from './error-codes';

/** The shared error model: what a service replies over NATS and what domain code throws. */
export const ApierErrorSchema = z.object({
  code: z.enum(ERROR_CODE_LIST),
  message: z.string(),
  retryable: z.boolean(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ApierErrorBody = z.infer<typeof ApierErrorSchema>;

export class ApierError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: Record<string, unknown>; cause?: unknown; retryable?: boolean } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ApierError';
    this.code = code;
    this.retryable = options.retryable ?? ERROR_CODES[code].retryable;
    this.details = options.details;
  }

  toBody(): ApierErrorBody {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.details ? { details: this.details } : {}),
    };
  }

  static fromBody(body: ApierErrorBody): ApierError {
    return new ApierError(body.code, body.message, { details: body.details, retryable: body.retryable });
  }
}
