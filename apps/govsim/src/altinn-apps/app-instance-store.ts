import type { AppInstance } from './app-instance';
import { AppRefusal } from './app-refusal';

/** Every instance of the app, in creation order. Altinn never de-duplicates, and neither does this. */
export class AppInstanceStore {
  private readonly instances = new Map<string, AppInstance>();

  add(instance: AppInstance): void {
    this.instances.set(instance.guid, instance);
  }

  /** The instance at `{partyId}/{guid}`; 404 ProblemDetails when there is none. */
  get(partyId: string, guid: string): AppInstance {
    const instance = this.instances.get(guid.toLowerCase());
    if (!instance || instance.partyId !== partyId)
      throw AppRefusal.notFound(`Did not find instance ${partyId}/${guid}`);
    return instance;
  }

  all(): AppInstance[] {
    return [...this.instances.values()];
  }

  clear(): void {
    this.instances.clear();
  }
}
