import { ApierError, ERROR_CODES, type ErrorCode } from '@apier/contracts';
import { backingServiceUnavailable, currentTrace, isBackingServiceUnavailable } from '@apier/platform';
import { HttpException } from '@nestjs/common';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem document, with our `code` and `traceId` extensions. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ErrorCode;
  traceId?: string;
  [extension: string]: unknown;
}

const HTTP_STATUS_TO_CODE: Record<number, ErrorCode> = {
  400: 'validation_failed',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'service_unavailable',
  504: 'timeout',
};

/** Any thrown thing → an ApierError, so one mapping decides status and type. */
export function toApierError(error: unknown): ApierError {
  if (error instanceof ApierError) return error;
  if (error instanceof HttpException) {
    const code =
      HTTP_STATUS_TO_CODE[error.getStatus()] ?? (error.getStatus() < 500 ? 'validation_failed' : 'internal');
    return new ApierError(code, error.getStatus() < 500 ? error.message : ERROR_CODES[code].title);
  }
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return new ApierError(HTTP_STATUS_TO_CODE[statusCode] ?? 'validation_failed', (error as Error).message);
  }
  if (isBackingServiceUnavailable(error)) return backingServiceUnavailable(error);
  return new ApierError('internal', 'Something went wrong on our side; the trace id identifies it.', {
    cause: error,
  });
}

export function problemFor(error: ApierError, typeBaseUrl: string): ProblemDocument {
  const trace = currentTrace();
  const { status, title } = ERROR_CODES[error.code];
  // Details come first so an extension can never overwrite a standard member such as `status`.
  return {
    ...(error.details ?? {}),
    type: `${typeBaseUrl}${error.code.replace(/_/g, '-')}`,
    title,
    status,
    detail: error.message,
    ...(trace ? { instance: `urn:apier:request:${trace.requestId}`, traceId: trace.traceId } : {}),
    code: error.code,
    retryable: error.retryable,
  };
}
