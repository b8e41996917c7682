import { Injectable, type OnModuleDestroy, type Provider } from '@nestjs/common';
import { AltinnAuthState } from '../altinn-auth/altinn-auth-state';
import { GovsimWorld } from '../fixtures/govsim-world';
import { GOVSIM_OPTIONS, type GovsimOptions } from '../govsim-options';
import { MaskinportenState } from '../maskinporten/maskinporten-state';
import { SimulatedMvaValidator } from '../mva-validation/simulated-mva-validator';
import { AltinnAppsControlController } from './altinn-apps-control.controller';
import { AppBearerGuard } from './app-bearer.guard';
import { AppInstanceStore } from './app-instance-store';
import { AppInstances } from './app-instances';
import { AppSimulationSettings } from './app-settings';
import { BetalingsinformasjonWriter } from './betalingsinformasjon-writer';
import { DataElements } from './data-elements';
import { DataElementsController } from './data-elements.controller';
import { DocumentBodyParsers } from './document-body-parsers';
import { FeedbackDesk } from './feedback-desk';
import { FeedbackController } from './feedback.controller';
import { FillInReview } from './fill-in-review';
import { InstanceLinks } from './instance-views';
import { InstancesController } from './instances.controller';
import { PartyAccess } from './party-access';
import { PartyDirectory } from './party-directory';
import { ProcessFlow } from './process-flow';
import { recordInInnsyn } from './record-in-innsyn';

/** Lets requests waiting for feedback go when the simulator shuts down. */
@Injectable()
class FeedbackDeskCloser implements OnModuleDestroy {
  constructor(private readonly desk: FeedbackDesk) {}

  onModuleDestroy(): void {
    this.desk.close();
  }
}

/** The Altinn 3 app `skd/mva-melding-innsending-etm2`: instances, data, process, feedback. */
export const ALTINN_APP_CONTROLLERS = [
  InstancesController,
  DataElementsController,
  FeedbackController,
  AltinnAppsControlController,
];

export const ALTINN_APP_PROVIDERS: Provider[] = [
  AppSimulationSettings,
  AppInstanceStore,
  AppBearerGuard,
  DocumentBodyParsers,
  FeedbackDeskCloser,
  BetalingsinformasjonWriter,
  {
    provide: InstanceLinks,
    useFactory: (options: GovsimOptions) => new InstanceLinks(options.publicBaseUrl),
    inject: [GOVSIM_OPTIONS],
  },
  {
    provide: PartyDirectory,
    useFactory: (world: GovsimWorld) => new PartyDirectory(world),
    inject: [GovsimWorld],
  },
  {
    provide: PartyAccess,
    useFactory: (altinn: AltinnAuthState) => new PartyAccess(altinn),
    inject: [AltinnAuthState],
  },
  {
    provide: FeedbackDesk,
    useFactory: (settings: AppSimulationSettings, clock: MaskinportenState, world: GovsimWorld) => {
      const desk = new FeedbackDesk(settings, () => clock.now());
      desk.onFeedback((instance) => recordInInnsyn(world, instance));
      return desk;
    },
    inject: [AppSimulationSettings, MaskinportenState, GovsimWorld],
  },
  {
    provide: AppInstances,
    useFactory: (
      store: AppInstanceStore,
      parties: PartyDirectory,
      access: PartyAccess,
      desk: FeedbackDesk,
      clock: MaskinportenState,
    ) => new AppInstances(store, parties, access, desk, () => clock.now()),
    inject: [AppInstanceStore, PartyDirectory, PartyAccess, FeedbackDesk, MaskinportenState],
  },
  {
    provide: DataElements,
    useFactory: (instances: AppInstances) => new DataElements(instances),
    inject: [AppInstances],
  },
  {
    provide: FillInReview,
    useFactory: (validator: SimulatedMvaValidator, settings: AppSimulationSettings) =>
      new FillInReview(validator, settings),
    inject: [SimulatedMvaValidator, AppSimulationSettings],
  },
  {
    provide: ProcessFlow,
    useFactory: (
      instances: AppInstances,
      review: FillInReview,
      desk: FeedbackDesk,
      payment: BetalingsinformasjonWriter,
      settings: AppSimulationSettings,
      clock: MaskinportenState,
    ) => new ProcessFlow(instances, review, desk, payment, settings, () => clock.now()),
    inject: [
      AppInstances,
      FillInReview,
      FeedbackDesk,
      BetalingsinformasjonWriter,
      AppSimulationSettings,
      MaskinportenState,
    ],
  },
];
