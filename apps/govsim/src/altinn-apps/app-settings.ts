/** How long Skatteetaten takes to answer a delivered return unless a test says otherwise. */
export const DEFAULT_FEEDBACK_DELAY_MS = 500;
/** How long `GET …/feedback` holds a request before giving up, like a load balancer's idle limit. */
export const DEFAULT_FEEDBACK_WAIT_CAP_MS = 30_000;

/**
 * Test and demo switches of the app simulator, changed through the control API.
 * `needsPerson` makes returns stop at a signing task that only a person in Altinn can complete.
 */
export class AppSimulationSettings {
  feedbackDelayMs = DEFAULT_FEEDBACK_DELAY_MS;
  feedbackWaitCapMs = DEFAULT_FEEDBACK_WAIT_CAP_MS;
  /** Older app versions refused an envelope without `instansstatus`. */
  requireInstansstatus = false;
  needsPerson: { all: boolean; orgnrs: Set<string> } = { all: false, orgnrs: new Set() };

  needsPersonFor(orgnr: string): boolean {
    return this.needsPerson.all || this.needsPerson.orgnrs.has(orgnr);
  }

  reset(): void {
    this.feedbackDelayMs = DEFAULT_FEEDBACK_DELAY_MS;
    this.feedbackWaitCapMs = DEFAULT_FEEDBACK_WAIT_CAP_MS;
    this.requireInstansstatus = false;
    this.needsPerson = { all: false, orgnrs: new Set() };
  }

  view() {
    return {
      feedback_delay_ms: this.feedbackDelayMs,
      feedback_wait_cap_ms: this.feedbackWaitCapMs,
      require_instansstatus: this.requireInstansstatus,
      needs_confirmation: { all: this.needsPerson.all, orgnrs: [...this.needsPerson.orgnrs].sort() },
    };
  }
}
