import { APP_ID, APP_ORG, type AppInstance, instanceId, type StoredDataElement } from './app-instance';

const RECEIVED = {
  label: 'Mottatt',
  description: 'Mva-meldingen er levert og mottatt av Skatteetaten.',
};

/** The app's and the storage platform's URLs, rooted where govsim is reachable. */
export class InstanceLinks {
  readonly appBase: string;
  private readonly storageBase: string;

  constructor(private readonly publicBaseUrl: string) {
    this.appBase = `${publicBaseUrl}/${APP_ID}`;
    this.storageBase = `${publicBaseUrl}/storage/api/v1`;
  }

  instance(instance: AppInstance) {
    const path = `instances/${instanceId(instance)}`;
    return { apps: `${this.appBase}/${path}`, platform: `${this.storageBase}/${path}` };
  }

  data(instance: AppInstance, element: StoredDataElement) {
    const { apps, platform } = this.instance(instance);
    return { apps: `${apps}/data/${element.id}`, platform: `${platform}/data/${element.id}` };
  }

  /** Where a person finds the return waiting for a signature (Altinn's inbox). */
  inbox(instance: AppInstance): string {
    return `${this.publicBaseUrl}/ui/messagebox?instanceId=${encodeURIComponent(instanceId(instance))}`;
  }
}

/** The process part of an instance, also the body of `PUT …/process/next`. */
export function processStateView(instance: AppInstance) {
  const task = instance.currentTask;
  return {
    started: instance.processStarted,
    startEvent: 'StartEvent_1',
    currentTask: task
      ? {
          flow: task.flow,
          started: task.started,
          elementId: task.definition.elementId,
          name: task.definition.name,
          altinnTaskType: task.definition.altinnTaskType,
          ended: null,
          validated: null,
          flowType: 'CompleteCurrentMoveToNext',
        }
      : null,
    ended: instance.processEnded,
    endEvent: instance.processEnded ? 'EndEvent_1' : null,
  };
}

export function dataElementView(instance: AppInstance, element: StoredDataElement, links: InstanceLinks) {
  return {
    id: element.id,
    instanceGuid: instance.guid,
    dataType: element.dataType,
    filename: element.filename,
    contentType: element.contentType,
    blobStoragePath: `${APP_ID}/${instance.guid}/data/${element.id}`,
    selfLinks: links.data(instance, element),
    size: element.content.length,
    locked: element.locked,
    refs: [],
    isRead: true,
    created: element.created,
    createdBy: element.createdBy,
    lastChanged: element.lastChanged,
    lastChangedBy: element.lastChangedBy,
  };
}

/** The instance as the app answers it, field for field like the real `instans.json`. */
export function instanceView(instance: AppInstance, links: InstanceLinks) {
  const archived = instance.processEnded;
  const waitsForPerson = instance.currentTask?.definition.altinnTaskType === 'signing';
  return {
    id: instanceId(instance),
    instanceOwner: {
      partyId: instance.partyId,
      personNumber: null,
      organisationNumber: instance.orgnr,
    },
    appId: APP_ID,
    org: APP_ORG,
    selfLinks: links.instance(instance),
    dueBefore: null,
    visibleAfter: instance.created,
    process: processStateView(instance),
    status: {
      isArchived: archived !== null,
      archived,
      isSoftDeleted: false,
      softDeleted: null,
      isHardDeleted: false,
      hardDeleted: null,
      readStatus: 1,
      substatus: instance.feedbackProvidedAt ? RECEIVED : null,
    },
    completeConfirmations: instance.feedbackProvidedAt
      ? [{ stakeholderId: APP_ORG, confirmedOn: instance.feedbackProvidedAt }]
      : [],
    data: instance.data.map((element) => dataElementView(instance, element, links)),
    presentationTexts: null,
    // The app's own key: where the person who must sign finds the return.
    dataValues: waitsForPerson ? { altinnInboxUrl: links.inbox(instance) } : null,
    created: instance.created,
    createdBy: instance.createdBy,
    lastChanged: instance.lastChanged,
    lastChangedBy: instance.lastChangedBy,
  };
}
