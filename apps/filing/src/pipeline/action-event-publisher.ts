import { ACTION_EVENT_SUBJECTS, EVENTS, eventStreamName } from '@apier/contracts';
import type { AppLogger } from '@apier/platform';
import { JSONCodec, type NatsConnection, nanos } from 'nats';
import type { PipelineActionRepository } from './pipeline-action.repository';

const codec = JSONCodec();
const BATCH = 100;

/**
 * Publishes the `action.*` outbox: each stored event goes to JetStream with its id as the message
 * id (JetStream drops a duplicate within the window, consumers dedupe on the id beyond it), then
 * is marked published. A failure leaves the event for the next flush (after each status change
 * and in every recovery sweep): at least once, never lost.
 */
export class ActionEventPublisher {
  private stream: Promise<string> | undefined;
  private running: Promise<number> = Promise.resolve(0);
  /** The flush queued behind the running one and not started yet, which every new caller shares. */
  private queued: Promise<number> | undefined;

  constructor(
    private readonly repository: Pick<PipelineActionRepository, 'unpublishedEvents' | 'markPublished'>,
    private readonly nc: NatsConnection,
    private readonly subjectPrefix: string,
    private readonly logger: AppLogger,
  ) {}

  /**
   * Publishes what is waiting; flushes in this process run one after another. A flush that has not
   * started yet reads the outbox only when it starts, so it also publishes what later callers
   * stored: they share it instead of each queueing one more (with eight workers finishing, a chain
   * of flushes held every worker slot waiting on the others' outbox reads).
   */
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

  async flushQuietly(): Promise<void> {
    await this.flush().catch((error: unknown) =>
      this.logger.warn({ err: error }, 'action events not published yet; the next flush retries'),
    );
  }

  private async publishWaiting(): Promise<number> {
    const js = this.nc.jetstream();
    let published = 0;
    for (;;) {
      const events = await this.repository.unpublishedEvents(BATCH);
      if (events.length > 0) await this.ensureStream();
      for (const event of events) {
        await js
          .publish(this.subjectPrefix + ACTION_EVENT_SUBJECTS[event.type], codec.encode(event), {
            msgID: event.id,
          })
          .catch((error: unknown) => {
            this.stream = undefined; // the stream may have gone: make sure of it again next time
            throw error;
          });
        await this.repository.markPublished(event.id, new Date());
        this.logger.info(
          { event_id: event.id, type: event.type, action_id: event.action.id },
          'action event published',
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

/**
 * The run's event stream, created if missing with the settings every service uses (services race
 * to create it; whoever loses finds it there).
 */
async function ensureEventStream(nc: NatsConnection, subjectPrefix: string): Promise<string> {
  const jsm = await nc.jetstreamManager();
  const name = eventStreamName(subjectPrefix);
  try {
    await jsm.streams.info(name);
    return name;
  } catch (error) {
    if (!/not found/i.test((error as Error)?.message ?? '')) throw error;
  }
  try {
    await jsm.streams.add({
      name,
      subjects: [`${subjectPrefix}${EVENTS.subjects}`],
      max_age: nanos(30 * 24 * 3600 * 1000),
      duplicate_window: nanos(10 * 60 * 1000),
    });
  } catch (error) {
    if (!/already in use|stream name already/i.test((error as Error).message)) throw error;
  }
  return name;
}
