import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type AppInstance, KONVOLUTT_DATA_TYPE, TASKS } from './app-instance';
import type { AppInstanceStore } from './app-instance-store';
import type { AppCaller } from './app-bearer.guard';
import { AppRefusal } from './app-refusal';
import type { FeedbackDesk } from './feedback-desk';
import type { PartyAccess } from './party-access';
import type { PartyDirectory } from './party-directory';

/** What the app's data model serialises before anything is uploaded: an envelope with nothing in it. */
const EMPTY_KONVOLUTT =
  '<?xml version="1.0" encoding="utf-8"?>\n<mvaMeldingInnsending xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" />';

const InstanceTemplateSchema = z.object({
  instanceOwner: z.object({
    organisationNumber: z.string().optional(),
    partyId: z.string().optional(),
  }),
});

/**
 * Creating and reading instances. Every read goes through `forCaller`, which checks the caller's
 * rights for the instance owner and brings feedback up to date, so no view is ever stale.
 */
export class AppInstances {
  constructor(
    private readonly store: AppInstanceStore,
    private readonly parties: PartyDirectory,
    private readonly access: PartyAccess,
    private readonly feedback: FeedbackDesk,
    private readonly now: () => Date,
  ) {}

  create(caller: AppCaller, template: unknown): AppInstance {
    const owner = InstanceTemplateSchema.safeParse(template ?? {});
    const orgnrGiven = owner.success ? owner.data.instanceOwner.organisationNumber : undefined;
    const partyGiven = owner.success ? owner.data.instanceOwner.partyId : undefined;
    if (!orgnrGiven && !partyGiven)
      throw AppRefusal.badRequest(
        'Error: instanceOwner must have a partyId or an organisationNumber (this app has no person owners).',
      );
    const orgnr = orgnrGiven ?? this.parties.orgnrFor(partyGiven!);
    const partyId = orgnr ? this.parties.partyIdFor(orgnr) : null;
    if (!orgnr || !partyId) {
      if (orgnrGiven) throw AppRefusal.partyNotFound(orgnrGiven);
      throw AppRefusal.notFound(`Party ${partyGiven} not found`);
    }
    this.access.assertMayActFor(caller, orgnr);
    const at = this.now().toISOString();
    const guid = randomUUID();
    const instance: AppInstance = {
      guid,
      partyId,
      orgnr,
      created: at,
      createdBy: caller.actor,
      lastChanged: at,
      lastChangedBy: caller.actor,
      processStarted: at,
      currentTask: { definition: TASKS.fill, started: at, flow: 2 },
      processEnded: null,
      data: [
        {
          id: randomUUID(),
          dataType: KONVOLUTT_DATA_TYPE,
          filename: null,
          contentType: 'application/xml',
          content: Buffer.from(EMPTY_KONVOLUTT, 'utf8'),
          locked: false,
          created: at,
          createdBy: caller.actor,
          lastChanged: at,
          lastChangedBy: caller.actor,
        },
      ],
      reviewed: null,
      delivery: null,
      feedbackProvidedAt: null,
    };
    this.store.add(instance);
    return instance;
  }

  /** The instance, once the caller has been found to have rights for its owner. */
  forCaller(caller: AppCaller, partyId: string, guid: string): AppInstance {
    const instance = this.store.get(partyId, guid);
    this.access.assertMayActFor(caller, instance.orgnr);
    this.feedback.provideIfDue(instance);
    return instance;
  }

  touch(instance: AppInstance, caller: AppCaller): string {
    const at = this.now().toISOString();
    instance.lastChanged = at;
    instance.lastChangedBy = caller.actor;
    return at;
  }
}
