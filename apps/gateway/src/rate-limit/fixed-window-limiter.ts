import type { Redis } from 'ioredis';

export interface WindowState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

const COUNT = `local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return {n, redis.call('PTTL', KEYS[1])}`;

/** A fixed window per partition in Redis, so every gateway replica counts against one budget. */
export class FixedWindowLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly policy: { name: string; limit: number; windowSeconds: number },
  ) {}

  get name(): string {
    return this.policy.name;
  }

  get limit(): number {
    return this.policy.limit;
  }

  get windowSeconds(): number {
    return this.policy.windowSeconds;
  }

  async take(partition: string): Promise<WindowState> {
    const key = `rl:${this.policy.name}:${partition}`;
    const [count, ttlMs] = (await this.redis.eval(
      COUNT,
      1,
      key,
      String(this.policy.windowSeconds * 1000),
    )) as [number, number];
    const resetSeconds = Math.max(
      1,
      Math.ceil((ttlMs > 0 ? ttlMs : this.policy.windowSeconds * 1000) / 1000),
    );
    return {
      allowed: count <= this.policy.limit,
      limit: this.policy.limit,
      remaining: Math.max(0, this.policy.limit - count),
      resetSeconds,
    };
  }
}
