import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';

/** W3C Trace Context plus our request id, carried from the gateway through NATS into every log line. */
export interface TraceContext {
  traceId: string;
  spanId: string;
  sampled: boolean;
  requestId: string;
  /** Absolute epoch milliseconds after which the caller no longer waits for an answer. */
  deadline?: number;
  accountId?: string;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ALL_ZERO = /^0+$/;

export function parseTraceparent(header: string | undefined): Omit<TraceContext, 'requestId'> | null {
  if (!header) return null;
  const match = TRACEPARENT.exec(header.trim().toLowerCase());
  if (!match) return null;
  const [, version, traceId, spanId, flags, rest] = match;
  if (version === 'ff' || (version === '00' && rest)) return null;
  if (ALL_ZERO.test(traceId!) || ALL_ZERO.test(spanId!)) return null;
  return { traceId: traceId!, spanId: spanId!, sampled: (parseInt(flags!, 16) & 1) === 1 };
}

export function formatTraceparent(ctx: Pick<TraceContext, 'traceId' | 'spanId' | 'sampled'>): string {
  return `00-${ctx.traceId}-${ctx.spanId}-${ctx.sampled ? '01' : '00'}`;
}

const newSpanId = () => randomBytes(8).toString('hex');

/** A new hop: same trace, fresh span. An invalid or absent parent starts a new trace (never an error). */
export function continueTrace(traceparent: string | undefined, requestId: string | undefined): TraceContext {
  const parent = parseTraceparent(traceparent);
  return {
    traceId: parent?.traceId ?? randomBytes(16).toString('hex'),
    spanId: newSpanId(),
    sampled: parent?.sampled ?? true,
    requestId: sanitizeRequestId(requestId) ?? randomUUID(),
  };
}

export function childSpan(ctx: TraceContext): TraceContext {
  return { ...ctx, spanId: newSpanId() };
}

/** Client-supplied request ids are echoed into logs, so keep them short and printable. */
function sanitizeRequestId(value: string | undefined): string | undefined {
  return value && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : undefined;
}

const storage = new AsyncLocalStorage<TraceContext>();

export function runWithTrace<T>(ctx: TraceContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function currentTrace(): TraceContext | undefined {
  return storage.getStore();
}

/** Milliseconds left before the current caller's deadline, capped by `cap`. */
export function remainingBudget(cap: number): number {
  const deadline = currentTrace()?.deadline;
  return deadline === undefined ? cap : Math.max(0, Math.min(cap, deadline - Date.now()));
}
