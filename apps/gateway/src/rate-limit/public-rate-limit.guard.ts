import { ApierError } from '@apier/contracts';
import type { AppLogger } from '@apier/platform';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LOGGER, PUBLIC_RATE_LIMITER } from '../gateway.tokens';
import type { FixedWindowLimiter } from './fixed-window-limiter';

/**
 * Rate limit of the zero-auth routes (sandbox, migration tool), per client address, with the
 * IETF RateLimit-Policy / RateLimit fields on every answer. If Redis cannot count, the request
 * passes: these routes are read-only, and refusing them would turn a cache outage into an outage.
 */
@Injectable()
export class PublicRateLimitGuard implements CanActivate {
  constructor(
    @Inject(PUBLIC_RATE_LIMITER) private readonly limiter: FixedWindowLimiter,
    @Inject(LOGGER) private readonly logger: AppLogger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    let state;
    try {
      state = await this.limiter.take(request.ip);
    } catch (error) {
      this.logger.warn({ err: error }, 'rate limiter unavailable; letting a public request through');
      return true;
    }
    const policy = `"${this.limiter.name}"`;
    void reply.header(
      'ratelimit-policy',
      `${policy};q=${this.limiter.limit};w=${this.limiter.windowSeconds}`,
    );
    void reply.header('ratelimit', `${policy};r=${state.remaining};t=${state.resetSeconds}`);
    if (state.allowed) return true;
    throw new ApierError(
      'rate_limited',
      `At most ${this.limiter.limit} requests per ${this.limiter.windowSeconds} s on the public routes`,
      {
        details: { retry_after_seconds: state.resetSeconds },
      },
    );
  }
}
