import { type DynamicModule, Module } from '@nestjs/common';
import { BrregLinks } from './brreg/brreg-links';
import { BrregRegistry } from './brreg/brreg-registry';
import { BrregController } from './brreg/brreg.controller';
import { ControlController } from './control/control.controller';
import { FAULT_CONTROLLERS, FAULT_PROVIDERS } from './faults/faults.providers';
import { GovsimWorld } from './fixtures/govsim-world';
import { GOVSIM_OPTIONS, type GovsimOptions, validateGovsimOptions } from './govsim-options';
import { ALTINN_APP_CONTROLLERS, ALTINN_APP_PROVIDERS } from './altinn-apps/altinn-apps.providers';
import { ALTINN_AUTH_CONTROLLERS, ALTINN_AUTH_PROVIDERS } from './altinn-auth/altinn-auth.providers';
import { HealthController } from './health/health.controller';
import { MaskinportenControlController } from './maskinporten/maskinporten-control.controller';
import { MaskinportenState } from './maskinporten/maskinporten-state';
import { MaskinportenController } from './maskinporten/maskinporten.controller';
import {
  MVA_VALIDATION_CONTROLLERS,
  MVA_VALIDATION_PROVIDERS,
} from './mva-validation/mva-validation.providers';
import { AaregRegistry } from './nav/aareg-registry';
import { AaregController } from './nav/aareg.controller';
import { REQUEST_LOG_CONTROLLERS, REQUEST_LOG_PROVIDERS } from './request-log/request-log.providers';
import { SkatteetatenRegistry } from './skatteetaten/skatteetaten-registry';
import { SkatteetatenController } from './skatteetaten/skatteetaten.controller';

export { GOVSIM_OPTIONS, type GovsimOptions } from './govsim-options';

/**
 * govsim: stands in for Brreg, Skatteetaten, NAV and Maskinporten with their real paths, field names and status
 * codes. The registries are plain classes over one GovsimWorld; Nest only wires and routes.
 */
@Module({})
export class GovsimModule {
  static forRoot(options: GovsimOptions): DynamicModule {
    const validated = validateGovsimOptions(options);
    const { seed, syntheticCompanies, publicBaseUrl } = validated;
    return {
      module: GovsimModule,
      controllers: [
        HealthController,
        BrregController,
        SkatteetatenController,
        AaregController,
        ControlController,
        MaskinportenController,
        MaskinportenControlController,
        ...ALTINN_AUTH_CONTROLLERS,
        ...ALTINN_APP_CONTROLLERS,
        ...MVA_VALIDATION_CONTROLLERS,
        ...FAULT_CONTROLLERS,
        ...REQUEST_LOG_CONTROLLERS,
      ],
      providers: [
        { provide: GOVSIM_OPTIONS, useValue: validated },
        { provide: MaskinportenState, useFactory: () => new MaskinportenState() },
        ...ALTINN_AUTH_PROVIDERS,
        ...MVA_VALIDATION_PROVIDERS,
        ...ALTINN_APP_PROVIDERS,
        ...FAULT_PROVIDERS,
        ...REQUEST_LOG_PROVIDERS,
        { provide: GovsimWorld, useFactory: () => GovsimWorld.build({ seed, syntheticCompanies }) },
        { provide: BrregLinks, useFactory: () => new BrregLinks(publicBaseUrl) },
        {
          provide: BrregRegistry,
          useFactory: (world: GovsimWorld, links: BrregLinks) => new BrregRegistry(world, links),
          inject: [GovsimWorld, BrregLinks],
        },
        {
          provide: SkatteetatenRegistry,
          useFactory: (world: GovsimWorld) => new SkatteetatenRegistry(world),
          inject: [GovsimWorld],
        },
        {
          provide: AaregRegistry,
          useFactory: (world: GovsimWorld) => new AaregRegistry(world),
          inject: [GovsimWorld],
        },
      ],
      exports: [GOVSIM_OPTIONS, GovsimWorld],
    };
  }
}
