import type { Provider } from '@nestjs/common';
import { DocumentBodyParsers } from '../altinn-apps/document-body-parsers';
import { GovsimWorld } from '../fixtures/govsim-world';
import { MvaRegisterContext } from './mva-register-context';
import { MvaValidationControlController } from './mva-validation-control.controller';
import { MvaValidationSettings } from './mva-validation-settings';
import { MvaValidationController } from './mva-validation.controller';
import { SimulatedMvaValidator } from './simulated-mva-validator';

/** Skatteetaten's MVA-melding validation API, backed by `@apier/mva` and the simulated register. */
export const MVA_VALIDATION_CONTROLLERS = [MvaValidationController, MvaValidationControlController];

export const MVA_VALIDATION_PROVIDERS: Provider[] = [
  MvaValidationSettings,
  DocumentBodyParsers,
  {
    provide: MvaRegisterContext,
    useFactory: (world: GovsimWorld, settings: MvaValidationSettings) =>
      new MvaRegisterContext(world, settings),
    inject: [GovsimWorld, MvaValidationSettings],
  },
  {
    provide: SimulatedMvaValidator,
    useFactory: (context: MvaRegisterContext, settings: MvaValidationSettings) =>
      new SimulatedMvaValidator(context, settings),
    inject: [MvaRegisterContext, MvaValidationSettings],
  },
];
