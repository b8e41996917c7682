import { randomUUID } from 'node:crypto';
import {
  type AppInstance,
  FEEDBACK_DATA_TYPES,
  SKATTEETATEN_ORGNR,
  type StoredDataElement,
} from './app-instance';
import type { AppSimulationSettings } from './app-settings';
import { kvitteringPdf } from './kvittering-pdf';

/** Called once per return when Skatteetaten has answered, e.g. to list it in innsyn. */
export type FeedbackListener = (instance: AppInstance) => void;

/**
 * Skatteetaten's asynchronous answer to a delivered return. A timer provides the feedback when its
 * delay has passed; every read also checks the due time, so a view is never older than the clock.
 * Waiting requests (`GET …/feedback`) are released when the feedback comes, at their cap, or when
 * the simulator closes.
 */
export class FeedbackDesk {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly waiters = new Map<string, Set<(provided: boolean) => void>>();
  private readonly listeners: FeedbackListener[] = [];

  constructor(
    private readonly settings: AppSimulationSettings,
    private readonly now: () => Date,
  ) {}

  onFeedback(listener: FeedbackListener): void {
    this.listeners.push(listener);
  }

  /** Starts the clock on a return that has just been delivered. */
  schedule(instance: AppInstance): void {
    const delay = this.settings.feedbackDelayMs;
    instance.delivery = { deliveredAt: this.now().toISOString(), feedbackDueAt: Date.now() + delay };
    const timer = setTimeout(() => this.provideIfDue(instance), delay);
    timer.unref();
    this.timers.set(instance.guid, timer);
  }

  provideIfDue(instance: AppInstance): void {
    if (!instance.delivery || instance.feedbackProvidedAt) return;
    if (Date.now() < instance.delivery.feedbackDueAt) return;
    this.provide(instance);
  }

  /** Resolves true once feedback exists, false when `capMs` passes (or the desk closes) first. */
  waitFor(instance: AppInstance, capMs: number): Promise<boolean> {
    this.provideIfDue(instance);
    if (instance.feedbackProvidedAt) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiting = this.waiters.get(instance.guid) ?? new Set();
      this.waiters.set(instance.guid, waiting);
      const finish = (provided: boolean) => {
        clearTimeout(cap);
        waiting.delete(finish);
        resolve(provided);
      };
      const cap = setTimeout(() => finish(false), capMs);
      cap.unref();
      waiting.add(finish);
    });
  }

  /** Forgets pending feedback and lets every waiting request go. */
  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const waiting of this.waiters.values()) for (const finish of [...waiting]) finish(false);
    this.waiters.clear();
  }

  private provide(instance: AppInstance): void {
    const at = this.now().toISOString();
    const reviewed = instance.reviewed!;
    const element = (dataType: string, filename: string, contentType: string, content: Buffer) =>
      ({
        id: randomUUID(),
        dataType,
        filename,
        contentType,
        content,
        locked: true,
        created: at,
        createdBy: SKATTEETATEN_ORGNR,
        lastChanged: at,
        lastChangedBy: SKATTEETATEN_ORGNR,
      }) satisfies StoredDataElement;
    instance.data.push(
      element(
        FEEDBACK_DATA_TYPES.valideringsresultat,
        'valideringsresultat.xml',
        'text/xml',
        Buffer.from(reviewed.valideringsresultatXml, 'utf8'),
      ),
      element(
        FEEDBACK_DATA_TYPES.kvittering,
        'kvittering.pdf',
        'application/pdf',
        kvitteringPdf(instance, reviewed, at),
      ),
    );
    instance.currentTask = null;
    instance.processEnded = at;
    instance.feedbackProvidedAt = at;
    instance.lastChanged = at;
    instance.lastChangedBy = SKATTEETATEN_ORGNR;
    clearTimeout(this.timers.get(instance.guid));
    this.timers.delete(instance.guid);
    for (const listener of this.listeners) listener(instance);
    for (const finish of [...(this.waiters.get(instance.guid) ?? [])]) finish(true);
    this.waiters.delete(instance.guid);
  }
}
