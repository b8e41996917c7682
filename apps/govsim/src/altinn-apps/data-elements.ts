import { randomUUID } from 'node:crypto';
import {
  type AppInstance,
  instanceId,
  KONVOLUTT_DATA_TYPE,
  type StoredDataElement,
  TASKS,
} from './app-instance';
import type { AppCaller } from './app-bearer.guard';
import type { AppInstances } from './app-instances';
import { AppRefusal } from './app-refusal';
import {
  assertContentType,
  assertSize,
  checkUpload,
  filenameFromContentDisposition,
  mediaType,
  uploadRule,
  INVALID_DATA,
} from './data-upload-rules';
import { readKonvoluttFields } from './konvolutt-fields';

export interface Upload {
  contentType: string | undefined;
  contentDisposition: string | undefined;
  body: unknown;
}

/** The body as bytes, whichever parser Fastify picked for its content type. */
function bytesOf(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return body === undefined || body === null ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body), 'utf8');
}

/** The instance's data API: add, replace, download and delete elements while the return is being filled in. */
export class DataElements {
  constructor(private readonly instances: AppInstances) {}

  add(
    caller: AppCaller,
    partyId: string,
    guid: string,
    dataType: string | undefined,
    upload: Upload,
  ): { instance: AppInstance; element: StoredDataElement } {
    const instance = this.instances.forCaller(caller, partyId, guid);
    const rule = uploadRule(dataType, instanceId(instance));
    this.assertWritable(instance, dataType!);
    const content = bytesOf(upload.body);
    const existing = instance.data.filter((e) => e.dataType === dataType).length;
    const filename = checkUpload(dataType!, rule, { ...upload, size: content.length }, existing);
    const at = this.instances.touch(instance, caller);
    const element: StoredDataElement = {
      id: randomUUID(),
      dataType: dataType!,
      filename,
      contentType: mediaType(upload.contentType),
      content,
      locked: false,
      created: at,
      createdBy: caller.actor,
      lastChanged: at,
      lastChangedBy: caller.actor,
    };
    instance.data.push(element);
    return { instance, element };
  }

  /** PUT replaces an element's content; the pre-created envelope can only be filled this way. */
  replace(
    caller: AppCaller,
    partyId: string,
    guid: string,
    dataGuid: string,
    upload: Upload,
  ): { instance: AppInstance; element: StoredDataElement } {
    const instance = this.instances.forCaller(caller, partyId, guid);
    const element = this.element(instance, dataGuid);
    const rule = uploadRule(element.dataType, instanceId(instance));
    this.assertWritable(instance, element.dataType, element);
    const content = bytesOf(upload.body);
    // Replacing never adds an element, so the count limit does not apply; a file name is optional.
    const filename =
      element.dataType === KONVOLUTT_DATA_TYPE || !upload.contentDisposition
        ? element.filename
        : (filenameFromContentDisposition(upload.contentDisposition) ?? element.filename);
    assertSize(rule, content.length);
    assertContentType(rule, upload.contentType);
    // The envelope is the app's data model: it must bind, or the app cannot store it.
    if (element.dataType === KONVOLUTT_DATA_TYPE && !readKonvoluttFields(content.toString('utf8')))
      throw AppRefusal.badRequest(
        `${INVALID_DATA} the envelope is not well-formed XML of mvaMeldingInnsending`,
      );
    element.content = content;
    element.contentType = mediaType(upload.contentType);
    element.filename = filename;
    element.lastChanged = this.instances.touch(instance, caller);
    element.lastChangedBy = caller.actor;
    return { instance, element };
  }

  read(caller: AppCaller, partyId: string, guid: string, dataGuid: string): StoredDataElement {
    return this.element(this.instances.forCaller(caller, partyId, guid), dataGuid);
  }

  remove(caller: AppCaller, partyId: string, guid: string, dataGuid: string): void {
    const instance = this.instances.forCaller(caller, partyId, guid);
    const element = this.element(instance, dataGuid);
    this.assertWritable(instance, element.dataType, element);
    if (element.dataType === KONVOLUTT_DATA_TYPE)
      throw AppRefusal.badRequest(`Cannot delete data element ${element.id}: the app requires it.`);
    instance.data = instance.data.filter((e) => e !== element);
    this.instances.touch(instance, caller);
  }

  private element(instance: AppInstance, dataGuid: string): StoredDataElement {
    const element = instance.data.find((e) => e.id === dataGuid.toLowerCase());
    if (!element)
      throw AppRefusal.notFound(`Did not find data element ${dataGuid} on instance ${instanceId(instance)}`);
    return element;
  }

  /** Data can change only while the return is being filled in; after that it is locked. */
  private assertWritable(instance: AppInstance, dataType: string, element?: StoredDataElement): void {
    if (instance.processEnded)
      throw AppRefusal.conflict(`Cannot update data of archived or deleted instance ${instanceId(instance)}`);
    if (element?.locked)
      throw AppRefusal.conflict(`Data element ${element.id} is locked and cannot be updated`);
    const task = instance.currentTask?.definition;
    if (task?.elementId !== TASKS.fill.elementId)
      throw AppRefusal.conflict(`Cannot add or change data of type ${dataType} in task ${task?.elementId}`);
  }
}
