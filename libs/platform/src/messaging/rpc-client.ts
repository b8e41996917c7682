import { ApierError, type ApierErrorBody, replySchema } from '@apier/contracts';
import { ErrorCode as NatsErrorCode, JSONCodec, type NatsConnection, type NatsError } from 'nats';
import type { z } from 'zod';
import { childSpan, continueTrace, currentTrace } from '../tracing/trace-context';
import { headersFor } from './rpc-headers';

const codec = JSONCodec();

/**
 * One reply schema per result schema: zod compiles an object schema on its first parse, so a
 * schema built per call (as `replySchema(result)` would be) pays that compilation on every call.
 */
const replySchemas = new WeakMap<z.ZodType, z.ZodType>();

function replySchemaFor(result: z.ZodType): z.ZodType {
  let schema = replySchemas.get(result);
  if (!schema) {
    schema = replySchema(result);
    replySchemas.set(result, schema);
  }
  return schema;
}

export interface RpcCallOptions {
  timeoutMs?: number;
  accountId?: string;
}

/**
 * Request/reply over NATS with the shared envelope. Every call has a deadline; a timeout, an
 * absent responder or a lost connection becomes a typed, retryable error instead of a hang.
 */
export class RpcClient {
  constructor(
    private readonly nc: NatsConnection,
    private readonly subjectPrefix: string,
    private readonly defaultTimeoutMs: number,
  ) {}

  async request<T extends z.ZodType>(
    subject: string,
    payload: unknown,
    result: T,
    options: RpcCallOptions = {},
  ): Promise<z.infer<T>> {
    const parent = currentTrace() ?? continueTrace(undefined, undefined);
    const timeoutMs = this.budget(options.timeoutMs, parent.deadline);
    const ctx = {
      ...childSpan(parent),
      deadline: Date.now() + timeoutMs,
      ...(options.accountId ? { accountId: options.accountId } : {}),
    };
    let raw: unknown;
    try {
      const msg = await this.nc.request(this.subjectPrefix + subject, codec.encode(payload), {
        timeout: timeoutMs,
        headers: headersFor(ctx),
      });
      raw = codec.decode(msg.data);
    } catch (error) {
      throw toTransportError(error as NatsError, subject, timeoutMs);
    }
    const reply = replySchemaFor(result).safeParse(raw);
    if (!reply.success) {
      throw new ApierError('internal', `Malformed reply on ${subject}`, { details: { subject } });
    }
    const envelope = reply.data as { ok: true; data: z.infer<T> } | { ok: false; error: ApierErrorBody };
    if (!envelope.ok) throw ApierError.fromBody(envelope.error);
    return envelope.data;
  }

  private budget(requested: number | undefined, parentDeadline: number | undefined): number {
    const wanted = requested ?? this.defaultTimeoutMs;
    if (parentDeadline === undefined) return wanted;
    return Math.max(1, Math.min(wanted, parentDeadline - Date.now()));
  }
}

function toTransportError(error: NatsError, subject: string, timeoutMs: number): ApierError {
  const details = { subject };
  switch (error.code) {
    case NatsErrorCode.Timeout:
      return new ApierError('timeout', `No answer on ${subject} within ${timeoutMs} ms`, {
        details,
        cause: error,
      });
    case NatsErrorCode.NoResponders:
      return new ApierError('service_unavailable', `No service is answering ${subject}`, {
        details,
        cause: error,
      });
    default:
      return new ApierError('service_unavailable', `Messaging failed for ${subject}`, {
        details,
        cause: error,
      });
  }
}
