import {
  type MvaValidationResult,
  parseMvaMelding,
  renderValideringsresultat,
  validateMvaMelding,
} from '@apier/mva';
import type { MvaRegisterContext } from './mva-register-context';
import type { MvaValidationSettings, ValideringsresultatShape } from './mva-validation-settings';

/**
 * Skatteetaten's validator as govsim runs it: the rules of `@apier/mva` against the simulated
 * register. The validation API and the Altinn app's fill-in check both ask it, so they agree.
 */
export class SimulatedMvaValidator {
  constructor(
    private readonly context: MvaRegisterContext,
    private readonly settings: MvaValidationSettings,
  ) {}

  validate(xml: string, expectedOrgnr?: string): MvaValidationResult {
    const parsed = parseMvaMelding(xml);
    return validateMvaMelding(
      xml,
      this.context.contextFor(parsed.ok ? parsed.melding : undefined, expectedOrgnr),
    );
  }

  /** In the shape the validation API is set to answer with, unless one is asked for. */
  render(result: MvaValidationResult, shape: ValideringsresultatShape = this.settings.shape): string {
    return renderValideringsresultat(result, { shape });
  }
}
