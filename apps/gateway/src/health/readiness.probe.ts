import type { Redis } from 'ioredis';
import type { NatsConnection } from 'nats';
import type { PrismaClient } from '@apier/db';

export type CheckState = 'ok' | 'failing';

/** Asks each backing service a cheap question, each bounded by the same timeout. */
export class ReadinessProbe {
  constructor(
    private readonly deps: { nats: NatsConnection; prisma: PrismaClient; redis: Redis },
    private readonly timeoutMs: number,
  ) {}

  async check(): Promise<Record<'nats' | 'postgres' | 'redis', CheckState>> {
    const [nats, postgres, redis] = await Promise.all([
      this.bounded(() => this.deps.nats.flush()),
      this.bounded(() => this.deps.prisma.$queryRaw`SELECT 1`),
      this.bounded(() => this.deps.redis.ping()),
    ]);
    return { nats, postgres, redis };
  }

  private async bounded(probe: () => Promise<unknown>): Promise<CheckState> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), this.timeoutMs);
    });
    try {
      await Promise.race([probe(), timeout]);
      return 'ok';
    } catch {
      return 'failing';
    } finally {
      clearTimeout(timer);
    }
  }
}
