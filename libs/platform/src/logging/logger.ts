import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import { currentTrace } from '../tracing/trace-context';

/**
 * Paths pino censors before a line is written. Secrets are kept out of logs by this list, not by
 * care at each call site; the secret-scan test checks that nothing slips past it.
 */
export const REDACTED_PATHS = [
  'authorization',
  'password',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'client_assertion',
  'assertion',
  'api_key',
  'apiKey',
  'approval_token',
  'approvalToken',
  'private_key',
  'privateKey',
  'secret',
  'cookie',
  '*.authorization',
  '*.password',
  '*.token',
  '*.access_token',
  '*.client_assertion',
  '*.assertion',
  '*.api_key',
  '*.apiKey',
  '*.approval_token',
  '*.private_key',
  '*.privateKey',
  '*.secret',
  '*.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["approval-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers["approval-token"]',
];

export type AppLogger = Logger;

export function createLogger(service: string, level: string, destination?: DestinationStream): AppLogger {
  return pino(
    {
      level,
      base: { service },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      mixin() {
        const trace = currentTrace();
        return trace
          ? {
              trace_id: trace.traceId,
              span_id: trace.spanId,
              request_id: trace.requestId,
              ...(trace.accountId ? { account_id: trace.accountId } : {}),
            }
          : {};
      },
    },
    destination,
  );
}

/** Routes NestJS's own log calls into the same structured stream. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: AppLogger) {}

  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, stack: trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
