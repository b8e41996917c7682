import type { AltinnAuthState } from '../altinn-auth/altinn-auth-state';
import type { AppCaller } from './app-bearer.guard';
import { AppRefusal } from './app-refusal';

/** The access package that carries the right to fill in and submit MVA returns. */
export const MVA_ACCESS_PACKAGE = 'urn:altinn:accesspackage:merverdiavgift';

/**
 * Altinn's authorisation decision for the app, taken when the request arrives rather than when the
 * token was issued: a System User the company has since deleted loses access at once, even with a
 * token that is still valid.
 */
export class PartyAccess {
  constructor(private readonly altinn: AltinnAuthState) {}

  assertMayActFor(caller: AppCaller, orgnr: string): void {
    if (!this.mayActFor(caller, orgnr)) throw AppRefusal.forbidden();
  }

  private mayActFor(caller: AppCaller, orgnr: string): boolean {
    if (!caller.systemUserId) return false;
    const user = this.altinn.systemUsers.get(caller.systemUserId);
    if (!user || user.isDeleted || user.reporteeOrgNo !== orgnr) return false;
    const system = this.altinn.systems.get(user.systemId);
    return !!system && !system.isDeleted && user.accessPackages.includes(MVA_ACCESS_PACKAGE);
  }
}
