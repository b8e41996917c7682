import { TEST_LOG_DIR } from '@apier/testing';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { connect, type NatsConnection } from 'nats';

/**
 * Every domain event a stack publishes (`<prefix>apier.events.>`) written next to the apps' logs,
 * so the secret scan at the end of the run covers events as well as log lines and responses.
 */
export class EventTap {
  private constructor(private readonly nc: NatsConnection) {}

  static async open(natsUrl: string, subjectPrefix: string): Promise<EventTap> {
    const nc = await connect({ servers: natsUrl, name: 'e2e-event-tap' });
    const file = join(TEST_LOG_DIR, `events-${subjectPrefix.replace(/\W/g, '')}.log`);
    mkdirSync(TEST_LOG_DIR, { recursive: true });
    nc.subscribe(`${subjectPrefix}apier.events.>`, {
      callback: (_error, msg) => appendFileSync(file, `${msg.subject} ${msg.string()}\n`),
    });
    return new EventTap(nc);
  }

  /** Bounded: a stack whose NATS was stopped by a fault test must still shut down. */
  async close(): Promise<void> {
    const drained = this.nc.drain().catch(() => undefined);
    await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    if (!this.nc.isClosed()) await this.nc.close().catch(() => undefined);
  }
}
