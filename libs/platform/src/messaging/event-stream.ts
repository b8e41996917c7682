import { EVENTS, eventStreamName } from '@apier/contracts';
import { type NatsConnection, nanos } from 'nats';

/**
 * Creates the run's JetStream event stream if it is missing. Idempotent: every service and replica
 * may race to do it. Retention is bounded: consumers are durable and idempotent, the stream is not
 * an archive; the duplicate window lets event ids double as message ids.
 */
export async function ensureEventStream(nc: NatsConnection, subjectPrefix: string): Promise<string> {
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
    // Someone else created it first: that is the state we wanted.
    if (!/already in use|stream name already/i.test((error as Error).message)) throw error;
  }
  return name;
}
