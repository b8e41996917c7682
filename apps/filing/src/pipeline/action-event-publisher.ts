import { ACTION_EVENT_SUBJECTS, type ActionEvent } from '@apier/contracts';
import { type AppLogger, OutboxPublisher } from '@apier/platform';
import type { NatsConnection } from 'nats';
import type { PipelineActionRepository } from './pipeline-action.repository';

/**
 * The `action.*` outbox on JetStream (see `OutboxPublisher` for the guarantees). Flushed after
 * each status change and in every recovery sweep; a flush not yet started is shared, so eight
 * workers finishing at once do not queue eight outbox reads.
 */
export class ActionEventPublisher extends OutboxPublisher<ActionEvent> {
  constructor(
    repository: Pick<PipelineActionRepository, 'unpublishedEvents' | 'markPublished'>,
    nc: NatsConnection,
    subjectPrefix: string,
    logger: AppLogger,
  ) {
    super(
      {
        unpublished: (limit) => repository.unpublishedEvents(limit),
        markPublished: (id, at) => repository.markPublished(id, at),
      },
      {
        kind: 'action',
        id: (event) => event.id,
        subject: (event) => ACTION_EVENT_SUBJECTS[event.type],
        payload: (event) => event,
        logFields: (event) => ({ type: event.type, action_id: event.action.id }),
      },
      nc,
      subjectPrefix,
      logger,
    );
  }
}
