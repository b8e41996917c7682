import { randomUUID } from 'node:crypto';
import {
  type AppInstance,
  FEEDBACK_DATA_TYPES,
  instanceId,
  SKATTEETATEN_ORGNR,
  TASKS,
  type TaskDefinition,
} from './app-instance';
import type { AppCaller } from './app-bearer.guard';
import type { AppInstances } from './app-instances';
import { AppRefusal } from './app-refusal';
import type { AppSimulationSettings } from './app-settings';
import type { BetalingsinformasjonWriter } from './betalingsinformasjon-writer';
import type { FeedbackDesk } from './feedback-desk';
import type { FillInReview } from './fill-in-review';

/**
 * `PUT …/process/next`: fill-in → confirmation → feedback. Leaving fill-in runs the app's checks and
 * Skatteetaten's validation (409 on failure) and locks the data; confirming delivers the return,
 * writes the payment information at once and starts the wait for feedback. When the return needs a
 * person, fill-in leads to a signing task that no System User can complete.
 */
export class ProcessFlow {
  constructor(
    private readonly instances: AppInstances,
    private readonly review: FillInReview,
    private readonly feedback: FeedbackDesk,
    private readonly payment: BetalingsinformasjonWriter,
    private readonly settings: AppSimulationSettings,
    private readonly now: () => Date,
  ) {}

  next(caller: AppCaller, partyId: string, guid: string): AppInstance {
    const instance = this.instances.forCaller(caller, partyId, guid);
    const task = instance.currentTask?.definition;
    if (!task) throw AppRefusal.conflict('Process is ended.');
    switch (task.altinnTaskType) {
      case 'data':
        instance.reviewed = this.review.review(instance);
        for (const element of instance.data) element.locked = true;
        this.moveTo(instance, this.settings.needsPersonFor(instance.orgnr) ? TASKS.sign : TASKS.confirm);
        this.instances.touch(instance, caller);
        return instance;
      case 'confirmation':
        this.deliver(instance);
        this.instances.touch(instance, caller);
        return instance;
      case 'signing':
        // Only a person can sign in Altinn's inbox; the process stays where it is.
        return instance;
      case 'feedback':
        throw AppRefusal.conflict(
          `Instance ${instanceId(instance)} is waiting for feedback from the service owner and cannot be moved.`,
        );
    }
  }

  /** What a person with the right role does in Altinn's inbox: signs, and the return is delivered. */
  signAsPerson(instance: AppInstance): boolean {
    if (instance.currentTask?.definition.altinnTaskType !== 'signing') return false;
    this.deliver(instance);
    instance.lastChanged = this.now().toISOString();
    instance.lastChangedBy = 'person';
    return true;
  }

  private deliver(instance: AppInstance): void {
    this.moveTo(instance, TASKS.feedback);
    const at = this.now().toISOString();
    instance.data.push({
      id: randomUUID(),
      dataType: FEEDBACK_DATA_TYPES.betalingsinformasjon,
      filename: 'betalingsinformasjon.xml',
      contentType: 'text/xml',
      content: Buffer.from(this.payment.write(instance, instance.reviewed!), 'utf8'),
      locked: true,
      created: at,
      createdBy: SKATTEETATEN_ORGNR,
      lastChanged: at,
      lastChangedBy: SKATTEETATEN_ORGNR,
    });
    this.feedback.schedule(instance);
  }

  private moveTo(instance: AppInstance, definition: TaskDefinition): void {
    const flow = (instance.currentTask?.flow ?? 1) + 1;
    instance.currentTask = { definition, started: this.now().toISOString(), flow };
  }
}
