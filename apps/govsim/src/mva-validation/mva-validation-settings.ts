import { WORLD_TODAY } from '../fixtures/mva-terms';

/** Which of the two documented `valideringsresultat` shapes the validation API answers with. */
export type ValideringsresultatShape = 'v1' | 'legacy';

/**
 * Switches of the simulated validator (reference §6): the answer shape, rule R077, and the date
 * Skatteetaten takes as today (the world's today unless a test moves it).
 */
export class MvaValidationSettings {
  shape: ValideringsresultatShape = 'v1';
  enforceR077 = true;
  today = WORLD_TODAY;

  reset(): void {
    this.shape = 'v1';
    this.enforceR077 = true;
    this.today = WORLD_TODAY;
  }

  view() {
    return { shape: this.shape, enforce_r077: this.enforceR077, today: this.today };
  }
}
