import type { AltinnAuthState, SystemUserRecord, SystemUserRequestRecord } from './altinn-auth-state';

/** Where the customer's human approves: govsim's own page, standing in for am.ui.<platform host>. */
export function confirmUrl(publicBaseUrl: string, requestId: string): string {
  return `${publicBaseUrl}/accessmanagement/ui/systemuser/request?id=${encodeURIComponent(requestId)}&DONTCHOOSEREPORTEE=true`;
}

/** A System User request as the vendor API returns it (status read through the time-out rule). */
export function requestView(state: AltinnAuthState, publicBaseUrl: string, request: SystemUserRequestRecord) {
  const status = state.reportedStatus(request);
  return {
    id: request.id,
    externalRef: request.externalRef,
    systemId: request.systemId,
    partyOrgNo: request.partyOrgNo,
    rights: request.rights,
    accessPackages: request.accessPackages.map((urn) => ({ urn })),
    status,
    redirectUrl: request.redirectUrl ?? null,
    confirmUrl: confirmUrl(publicBaseUrl, request.id),
    escalated: false,
    created: request.created.toISOString(),
    timedOut: status === 'Timedout',
  };
}

/** A System User as the vendor and Maskinporten lookups return it. */
export function systemUserView(state: AltinnAuthState, user: SystemUserRecord) {
  const system = state.systems.get(user.systemId);
  return {
    id: user.id,
    integrationTitle: user.integrationTitle ?? system?.name['nb'] ?? user.systemId,
    systemId: user.systemId,
    productName: '',
    reporteeOrgNo: user.reporteeOrgNo,
    created: user.created,
    isDeleted: user.isDeleted,
    supplierName: '',
    supplierOrgno: system?.vendorOrgnr ?? '',
    externalRef: user.externalRef,
    accessPackages: user.accessPackages.map((urn) => ({ urn })),
    userType: user.userType,
  };
}
