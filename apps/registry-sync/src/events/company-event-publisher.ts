import { COMPANY_CHANGED_SUBJECT, type CompanyChangedEvent } from '@apier/contracts';
import { type AppLogger, OutboxPublisher } from '@apier/platform';
import type { NatsConnection } from 'nats';
import type { CompanyEventOutbox } from './company-event.outbox';

/** The `company.changed` outbox on JetStream (see `OutboxPublisher` for the guarantees). */
export class CompanyEventPublisher extends OutboxPublisher<CompanyChangedEvent> {
  constructor(
    outbox: CompanyEventOutbox,
    nc: NatsConnection,
    subjectPrefix: string,
    logger: AppLogger,
    now?: () => Date,
  ) {
    super(
      outbox,
      {
        kind: 'company',
        id: (event) => event.id,
        subject: () => COMPANY_CHANGED_SUBJECT,
        payload: (event) => event,
        logFields: (event) => ({ orgnr: event.orgnr, environment: event.environment, cause: event.cause }),
      },
      nc,
      subjectPrefix,
      logger,
      now,
    );
  }
}
