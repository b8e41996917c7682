import { COMPANY_CHANGED_SUBJECT } from '@apier/contracts';
import { type AppLogger, ensureEventStream } from '@apier/platform';
import { JSONCodec, type NatsConnection } from 'nats';
import type { CompanyEventOutbox } from './company-event.outbox';

const codec = JSONCodec();
const BATCH = 100;

/**
 * Publishes the outbox: each stored `company.changed` event goes to JetStream with its id as the
 * message id (JetStream drops a duplicate within its window; consumers dedupe on the id beyond it),
 * then is marked published. A failure leaves the event for the next flush: at least once.
 */
export class CompanyEventPublisher {
  private stream: Promise<string> | undefined;
  private running: Promise<number> = Promise.resolve(0);

  constructor(
    private readonly outbox: CompanyEventOutbox,
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

  /** Like flush, but a failure is logged rather than thrown (the next flush retries). */
  async flushQuietly(): Promise<void> {
    await this.flush().catch((error: unknown) =>
      this.logger.warn({ err: error }, 'company events not published yet; will retry'),
    );
  }

  private async publishWaiting(): Promise<number> {
    const js = this.nc.jetstream();
    let published = 0;
    for (;;) {
      const events = await this.outbox.unpublished(BATCH);
      if (events.length > 0) await this.ensureStream();
      for (const event of events) {
        await js
          .publish(this.subjectPrefix + COMPANY_CHANGED_SUBJECT, codec.encode(event), { msgID: event.id })
          .catch((error: unknown) => {
            this.stream = undefined; // the stream may have gone: make sure of it again next time
            throw error;
          });
        await this.outbox.markPublished(event.id, this.now());
        this.logger.info(
          { event_id: event.id, orgnr: event.orgnr, environment: event.environment, cause: event.cause },
          'company.changed published',
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
