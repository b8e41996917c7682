import { HEADERS } from '@apier/contracts';
import { headers as natsHeaders, type MsgHdrs } from 'nats';
import { continueTrace, formatTraceparent, type TraceContext } from '../tracing/trace-context';

export function headersFor(ctx: TraceContext): MsgHdrs {
  const h = natsHeaders();
  h.set(HEADERS.traceparent, formatTraceparent(ctx));
  h.set(HEADERS.requestId, ctx.requestId);
  if (ctx.deadline !== undefined) h.set(HEADERS.deadline, String(ctx.deadline));
  if (ctx.accountId) h.set(HEADERS.accountId, ctx.accountId);
  return h;
}

/** The server side of a hop: continue the caller's trace and keep its deadline and account. */
export function contextFrom(h: MsgHdrs | undefined): TraceContext {
  const ctx = continueTrace(h?.get(HEADERS.traceparent) || undefined, h?.get(HEADERS.requestId) || undefined);
  const deadline = Number(h?.get(HEADERS.deadline));
  const accountId = h?.get(HEADERS.accountId);
  return {
    ...ctx,
    ...(Number.isFinite(deadline) && deadline > 0 ? { deadline } : {}),
    ...(accountId ? { accountId } : {}),
  };
}
