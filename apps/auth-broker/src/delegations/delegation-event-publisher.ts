import { DELEGATION_EVENT_SUBJECTS } from '@apier/contracts';
import { type AppLogger, ensureEventStream } from '@apier/platform';
import { JSONCodec, type NatsConnection } from 'nats';
import type { DelegationRepository } from './delegation.repository';

const codec = JSONCodec();
const BATCH = 100;

/**
 * Publishes the outbox: each stored `delegation.*` event goes to JetStream with its id as the
 * message id (JetStream drops a duplicate within the window; consumers dedupe on the id beyond it),
 * then is marked published. A failure leaves the event for the next flush: at least once.
 */
export class DelegationEventPublisher {
  private stream: Promise<string> | undefined;
  private running: Promise<number> = Promise.resolve(0);

  constructor(
    private readonly repository: DelegationRepository,
    private readonly nc: NatsConnection,
    private readonly subjectPrefix: string,
    private readonly logger: AppLogger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Publishes what is waiting; flushes in this process run one after another. */
  flush(): Promise<number> {
    this.running = this.running.catch(() => 0).then(() => this.publishWaiting());
    return this.running;
  }

  /** Like flush, but a failure is logged rather than thrown (the sweep retries it). */
  async flushQuietly(): Promise<void> {
    await this.flush().catch((error: unknown) =>
      this.logger.warn({ err: error }, 'delegation events not published yet; will retry'),
    );
  }

  private async publishWaiting(): Promise<number> {
    const js = this.nc.jetstream();
    let published = 0;
    for (;;) {
      const events = await this.repository.unpublishedEvents(BATCH);
      // The stream is made when there is something to put in it, not by every process that starts.
      if (events.length > 0) await this.ensureStream();
      for (const event of events) {
        const subject = this.subjectPrefix + DELEGATION_EVENT_SUBJECTS[event.payload.type];
        await js
          .publish(subject, codec.encode(event.payload), { msgID: event.id })
          .catch((error: unknown) => {
            this.stream = undefined; // the stream may have gone: make sure of it again next time
            throw error;
          });
        await this.repository.markPublished(event.id, this.now());
        this.logger.info(
          { event_id: event.id, type: event.payload.type, delegation_id: event.payload.delegation.id },
          'delegation event published',
        );
        published++;
      }
      if (events.length < BATCH) return published;
    }
  }

  private ensureStream(): Promise<string> {
    this.stream ??= ensureEventStream(this.nc, this.subjectPrefix).catch((error: unknown) => {
      this.stream = undefined;
      throw error;
    });
    return this.stream;
  }
}
