import { DELEGATION_EVENT_SUBJECTS } from '@apier/contracts';
import { type AppLogger, OutboxPublisher } from '@apier/platform';
import type { NatsConnection } from 'nats';
import type { DelegationRepository, StoredEvent } from './delegation.repository';

/** The `delegation.*` outbox on JetStream (see `OutboxPublisher` for the guarantees). */
export class DelegationEventPublisher extends OutboxPublisher<StoredEvent> {
  constructor(
    repository: DelegationRepository,
    nc: NatsConnection,
    subjectPrefix: string,
    logger: AppLogger,
    now?: () => Date,
  ) {
    super(
      {
        unpublished: (limit) => repository.unpublishedEvents(limit),
        markPublished: (id, at) => repository.markPublished(id, at),
      },
      {
        kind: 'delegation',
        id: (event) => event.id,
        subject: (event) => DELEGATION_EVENT_SUBJECTS[event.payload.type],
        payload: (event) => event.payload,
        logFields: (event) => ({ type: event.payload.type, delegation_id: event.payload.delegation.id }),
      },
      nc,
      subjectPrefix,
      logger,
      now,
    );
  }
}
