import { STATUS_CODES } from 'node:http';
import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestPath } from '../http/request-path';
import { FaultPlan } from './fault-plan';
import { type FaultRule, MAX_HOLD_MS } from './fault-rules';

/**
 * Applies the fault plan in a Fastify onRequest hook, before routing, so every simulated agency can
 * be made slow, failing, rate-limited, silent or rude without its controllers knowing.
 */
@Injectable()
export class FaultInjector implements OnModuleInit, OnModuleDestroy {
  /** Releases for requests being held, so closing the app does not wait out a timeout fault. */
  private readonly held = new Set<() => void>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly plan: FaultPlan,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    // Hooks added before Fastify is ready apply to every route, including those Nest registered already.
    fastify?.addHook('onRequest', (request, reply) => this.apply(request, reply));
  }

  onModuleDestroy(): void {
    for (const release of [...this.held]) release();
  }

  private async apply(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const rule = this.plan.faultFor(requestPath(request));
    if (!rule) return undefined;
    switch (rule.kind) {
      case 'latency':
        await this.hold(reply, rule.latency_ms ?? 0);
        return undefined;
      case 'status':
        return this.answer(reply, rule.status ?? 503, rule);
      case 'rate_limit':
        return this.answer(reply.header('retry-after', String(rule.retry_after_s ?? 1)), 429, rule);
      case 'timeout':
        // Taken away from Fastify: nothing is written until the client gives up or the cap passes.
        reply.hijack();
        await this.hold(reply, rule.latency_ms ?? MAX_HOLD_MS);
        reply.raw.destroy();
        return reply;
      case 'drop':
        reply.hijack();
        reply.raw.destroy();
        return reply;
    }
  }

  private answer(reply: FastifyReply, status: number, rule: FaultRule): FastifyReply {
    return reply
      .code(status)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: 'about:blank',
          title: STATUS_CODES[status] ?? 'Error',
          status,
          detail: `Injected by the govsim fault rule for ${rule.route_prefix}`,
        }),
      );
  }

  /** Resolves after `ms`, when the client disconnects, or when the app closes, whichever is first. */
  private hold(reply: FastifyReply, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        reply.raw.off('close', release);
        this.held.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      timer.unref();
      reply.raw.once('close', release);
      this.held.add(release);
    });
  }
}
