import { JSONCodec, type NatsConnection } from 'nats';
import type { AppLogger } from '../logging/logger';
import { ensureEventStream } from './event-stream';

const codec = JSONCodec();
const BATCH = 100;

/** Where a service keeps the events it has recorded but not yet published. */
export interface EventOutbox<E> {
  unpublished(limit: number): Promise<E[]>;
  markPublished(id: string, at: Date): Promise<void>;
}

/** How one service's events go on the wire. */
export interface OutboxEvents<E> {
  /** For log lines: `delegation`, `action`, `company`. */
  kind: string;
  id(event: E): string;
  /** The subject without the run's prefix. */
  subject(event: E): string;
  payload(event: E): unknown;
  /** Ids worth a log line; never the payload. */
  logFields(event: E): Record<string, unknown>;
}

/**
 * Publishes a transactional outbox to JetStream: each stored event goes out with its id as the
 * message id (JetStream drops a duplicate within its window; consumers dedupe on the id beyond
 * it), then is marked published. A failure leaves the event for the next flush: at least once,
 * never lost. Flushes in one process run one after another, and a flush that has not started yet
 * is shared by every caller that asks meanwhile (it reads the outbox only when it starts, so it
 * also carries what they stored).
 */
export class OutboxPublisher<E> {
  private stream: Promise<string> | undefined;
  private running: Promise<number> = Promise.resolve(0);
  private queued: Promise<number> | undefined;

  constructor(
    private readonly outbox: EventOutbox<E>,
    private readonly events: OutboxEvents<E>,
    private readonly nc: NatsConnection,
    private readonly subjectPrefix: string,
    private readonly logger: AppLogger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  flush(): Promise<number> {
    this.queued ??= this.running
      .catch(() => 0)
      .then(() => {
        this.queued = undefined;
        return this.publishWaiting();
      });
    this.running = this.queued;
    return this.queued;
  }

  /** Like flush, but a failure is logged rather than thrown (the next flush retries). */
  async flushQuietly(): Promise<void> {
    await this.flush().catch((error: unknown) =>
      this.logger.warn(
        { err: error },
        `${this.events.kind} events not published yet; the next flush retries`,
      ),
    );
  }

  private async publishWaiting(): Promise<number> {
    const js = this.nc.jetstream();
    let published = 0;
    for (;;) {
      const waiting = await this.outbox.unpublished(BATCH);
      // The stream is made when there is something to put in it, not by every process that starts.
      if (waiting.length > 0) await this.ensureStream();
      for (const event of waiting) {
        const id = this.events.id(event);
        await js
          .publish(
            this.subjectPrefix + this.events.subject(event),
            codec.encode(this.events.payload(event)),
            {
              msgID: id,
            },
          )
          .catch((error: unknown) => {
            this.stream = undefined; // the stream may have gone: make sure of it again next time
            throw error;
          });
        await this.outbox.markPublished(id, this.now());
        this.logger.info(
          { event_id: id, ...this.events.logFields(event) },
          `${this.events.kind} event published`,
        );
        published++;
      }
      if (waiting.length < BATCH) return published;
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
