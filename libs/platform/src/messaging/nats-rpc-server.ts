import { ApierError, type ApierErrorBody } from '@apier/contracts';
import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import {
  BaseRpcContext,
  type CustomTransportStrategy,
  type MessageHandler,
  Server,
} from '@nestjs/microservices';
import { JSONCodec, type Msg, type NatsConnection, type Subscription } from 'nats';
import { lastValueFrom, type Observable, throwError } from 'rxjs';
import type { z } from 'zod';
import type { AppLogger } from '../logging/logger';
import { runWithTrace, type TraceContext } from '../tracing/trace-context';
import { connectNats } from './nats-connection';
import {
  backingServiceUnavailable,
  isBackingServiceUnavailable,
} from '../infrastructure/backing-service-unavailable';
import { contextFrom } from './rpc-headers';

const codec = JSONCodec();

export interface NatsRpcServerOptions {
  url: string;
  name: string;
  subjectPrefix: string;
  queue: string;
  logger: AppLogger;
}

/** What a handler can learn about the call besides its payload. */
export class RpcCallContext extends BaseRpcContext<[string, TraceContext]> {
  get subject(): string {
    return this.args[0];
  }
  get trace(): TraceContext {
    return this.args[1];
  }
}

/**
 * A NestJS transport over NATS request/reply that adds what the built-in one lacks for us: a
 * per-run subject prefix, queue groups, trace/deadline headers and the typed reply envelope.
 */
export class NatsRpcServer extends Server implements CustomTransportStrategy {
  private nc: NatsConnection | undefined;
  private readonly subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: NatsRpcServerOptions) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      this.nc = await connectNats(this.options.url, this.options.name, this.options.logger);
      for (const [pattern, handler] of this.messageHandlers) {
        if (handler.isEventHandler) continue;
        const subject = this.options.subjectPrefix + pattern;
        this.subscriptions.push(
          this.nc.subscribe(subject, {
            queue: this.options.queue,
            callback: (_err, msg) => this.track(this.handle(pattern, handler, msg)),
          }),
        );
      }
      this.options.logger.info(
        { subjects: [...this.messageHandlers.keys()], queue: this.options.queue },
        'listening on NATS',
      );
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Drains: stop taking new requests, let the ones in flight answer, then disconnect. */
  async close(): Promise<void> {
    for (const sub of this.subscriptions) sub.unsubscribe();
    await Promise.allSettled([...this.inFlight]);
    await this.nc?.drain().catch(() => undefined);
  }

  on(): never {
    throw new Error('NatsRpcServer does not emit transport events');
  }

  unwrap<T>(): T {
    if (!this.nc) throw new Error('NATS is not connected yet');
    return this.nc as T;
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async handle(pattern: string, handler: MessageHandler, msg: Msg): Promise<void> {
    const ctx = contextFrom(msg.headers);
    if (ctx.deadline !== undefined && ctx.deadline < Date.now()) return; // the caller has stopped waiting
    await runWithTrace(ctx, async () => {
      const started = performance.now();
      let reply: { ok: true; data: unknown } | { ok: false; error: ApierErrorBody };
      try {
        const payload = msg.data.length ? codec.decode(msg.data) : {};
        const result = await lastValueFrom(
          this.transformToObservable(await handler(payload, new RpcCallContext([pattern, ctx]))),
          {
            defaultValue: null,
          },
        );
        reply = { ok: true, data: result };
      } catch (error) {
        reply = { ok: false, error: this.toErrorBody(pattern, error) };
      }
      if (msg.reply) msg.respond(codec.encode(reply));
      this.options.logger.info(
        {
          subject: pattern,
          ok: reply.ok,
          ...(reply.ok ? {} : { code: reply.error.code }),
          duration_ms: Math.round(performance.now() - started),
        },
        'rpc handled',
      );
    });
  }

  private toErrorBody(pattern: string, error: unknown): ApierErrorBody {
    if (error instanceof ApierError) {
      if (error.code === 'internal')
        this.options.logger.error({ err: error, subject: pattern }, 'handler failed');
      return error.toBody();
    }
    if (isBackingServiceUnavailable(error)) {
      this.options.logger.warn({ err: error, subject: pattern }, 'backing service unavailable');
      return backingServiceUnavailable(error).toBody();
    }
    this.options.logger.error({ err: error, subject: pattern }, 'unexpected handler error');
    return new ApierError('internal', 'The service failed to handle the request').toBody();
  }
}

/** Lets ApierErrors reach the transport untouched instead of Nest's generic "Internal server error". */
@Catch()
export class PassThroughRpcExceptionFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/** Validates a request payload at the service edge. */
export function parsePayload<T extends z.ZodType>(schema: T, payload: unknown): z.infer<T> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  throw new ApierError('validation_failed', 'The request payload is not valid', {
    details: { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
  });
}
