import type { Provider } from '@nestjs/common';
import { GOVSIM_OPTIONS, type GovsimOptions } from '../govsim-options';
import { MaskinportenState } from '../maskinporten/maskinporten-state';
import { wellFormedAccessPackages } from './access-package-catalogue';
import { AltinnAuthState } from './altinn-auth-state';
import { AltinnControlController } from './altinn-control.controller';
import { AltinnTokenAuthority } from './altinn-token-authority';
import { ConfirmPageController } from './confirm-page.controller';
import { SystemRegister } from './system-register';
import { SystemRegisterController } from './system-register.controller';
import { SystemUserDirectory } from './system-user-directory';
import { SystemUserRequestController } from './system-user-request.controller';
import { SystemUserRequests } from './system-user-requests';
import { SystemUserController } from './system-user.controller';
import { TokenExchangeController } from './token-exchange.controller';
import { VendorBearerGuard } from './vendor-bearer.guard';

/** The fake Altinn Authentication: token exchange, system register, System User requests and users. */
export const ALTINN_AUTH_CONTROLLERS = [
  TokenExchangeController,
  SystemRegisterController,
  SystemUserRequestController,
  SystemUserController,
  ConfirmPageController,
  AltinnControlController,
];

export const ALTINN_AUTH_PROVIDERS: Provider[] = [
  {
    provide: AltinnAuthState,
    // One clock for both fakes: shifting Maskinporten's clock also ages System User requests.
    useFactory: (maskinporten: MaskinportenState) => new AltinnAuthState(() => maskinporten.now()),
    inject: [MaskinportenState],
  },
  {
    provide: AltinnTokenAuthority,
    useFactory: (maskinporten: MaskinportenState, options: GovsimOptions) =>
      new AltinnTokenAuthority(maskinporten, options.publicBaseUrl),
    inject: [MaskinportenState, GOVSIM_OPTIONS],
  },
  {
    provide: SystemRegister,
    useFactory: (state: AltinnAuthState) => new SystemRegister(state, wellFormedAccessPackages),
    inject: [AltinnAuthState],
  },
  {
    provide: SystemUserRequests,
    useFactory: (state: AltinnAuthState, register: SystemRegister, options: GovsimOptions) =>
      new SystemUserRequests(state, register, options.publicBaseUrl),
    inject: [AltinnAuthState, SystemRegister, GOVSIM_OPTIONS],
  },
  {
    provide: SystemUserDirectory,
    useFactory: (state: AltinnAuthState, register: SystemRegister, options: GovsimOptions) =>
      new SystemUserDirectory(state, register, options.publicBaseUrl),
    inject: [AltinnAuthState, SystemRegister, GOVSIM_OPTIONS],
  },
  VendorBearerGuard,
];
