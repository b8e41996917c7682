import type { Provider } from '@nestjs/common';
import { GOVSIM_OPTIONS, type GovsimOptions } from '../govsim-options';
import { FaultControlController } from './fault-control.controller';
import { FaultInjector } from './fault-injector';
import { FaultPlan } from './fault-plan';

export const FAULT_CONTROLLERS = [FaultControlController];

export const FAULT_PROVIDERS: Provider[] = [
  {
    provide: FaultPlan,
    useFactory: (options: GovsimOptions) => new FaultPlan(options.seed),
    inject: [GOVSIM_OPTIONS],
  },
  FaultInjector,
];
