import type { RegisteredSystem, RequestStatus, SystemUserRequestRecord } from './altinn-auth-state';
import { rightKey } from './system-definition';

export const CONFIRM_PAGE_PATH = '/accessmanagement/ui/systemuser/request';
/** The hidden field carrying the request's form token on the approve and reject POSTs. */
export const FORM_TOKEN_FIELD = 'form_token';

/** Everything the customer sees before deciding. */
export interface ConfirmPageModel {
  request: SystemUserRequestRecord;
  status: RequestStatus;
  system: RegisteredSystem | undefined;
  organisationName: string | undefined;
}

/** Every value put into the page passes through here: vendors choose names, titles and URNs. */
export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – govsim Altinn</title>
<style>
body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
dt{font-weight:600;margin-top:.75rem}dd{margin:0}
.actions{display:flex;gap:1rem;margin-top:2rem}
button{font-size:1rem;padding:.6rem 1.4rem;border-radius:4px;border:1px solid #0062ba;cursor:pointer}
.approve{background:#0062ba;color:#fff}.reject{background:#fff;color:#0062ba}
.note{color:#555;font-size:.9rem;margin-top:2rem}
</style>
</head>
<body>
${body}
<p class="note">govsim – simulated Altinn. No real delegation is made.</p>
</body>
</html>
`;
}

function list(items: string[], empty: string): string {
  if (items.length === 0) return `<dd>${escapeHtml(empty)}</dd>`;
  return `<dd><ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul></dd>`;
}

function decisionForm(request: SystemUserRequestRecord, action: 'approve' | 'reject', label: string): string {
  const url = `${CONFIRM_PAGE_PATH}/${action}?id=${encodeURIComponent(request.id)}`;
  return `<form method="post" action="${escapeHtml(url)}">
<input type="hidden" name="${FORM_TOKEN_FIELD}" value="${escapeHtml(request.confirmFormToken)}">
<button type="submit" class="${action}">${escapeHtml(label)}</button>
</form>`;
}

/** The page behind `confirmUrl`: who asks, for which organisation, for what, and the two buttons. */
export function confirmPage(model: ConfirmPageModel): string {
  const { request, status, system, organisationName } = model;
  const systemName = system?.name['nb'] ?? system?.name['en'] ?? request.systemId;
  const organisation = organisationName
    ? `${organisationName} (${request.partyOrgNo})`
    : `Organisasjonsnummer ${request.partyOrgNo}`;
  const details = `<dl>
<dt>System</dt><dd>${escapeHtml(systemName)} <small>(${escapeHtml(request.systemId)})</small></dd>
<dt>Leverandør</dt><dd>Organisasjonsnummer ${escapeHtml(system?.vendorOrgnr ?? request.vendorOrgnr)}</dd>
${request.integrationTitle ? `<dt>Integrasjon</dt><dd>${escapeHtml(request.integrationTitle)}</dd>` : ''}
<dt>Virksomhet</dt><dd>${escapeHtml(organisation)}</dd>
<dt>Tilgangspakker</dt>${list(request.accessPackages, 'Ingen')}
<dt>Enkeltrettigheter</dt>${list(request.rights.map(rightKey), 'Ingen')}
</dl>`;
  const actions =
    status === 'New'
      ? `<div class="actions">${decisionForm(request, 'approve', 'Godkjenn')}${decisionForm(request, 'reject', 'Avvis')}</div>`
      : `<p>Forespørselen er allerede behandlet: <strong>${escapeHtml(status)}</strong>.</p>`;
  return layout(
    'Godkjenn systemtilgang',
    `<h1>${escapeHtml(systemName)} ber om systemtilgang</h1>
<p>Leverandøren ber om en systembruker for virksomheten din med disse tilgangene.</p>
${details}
${actions}`,
  );
}

/** Shown after a decision when the request has no redirectUrl to send the browser back to. */
export function decisionDonePage(request: SystemUserRequestRecord, status: RequestStatus): string {
  const text = status === 'Accepted' ? 'Systemtilgangen er godkjent.' : 'Forespørselen er avvist.';
  return layout(
    'Ferdig',
    `<h1>${escapeHtml(text)}</h1>
<p>Forespørsel <code>${escapeHtml(request.id)}</code> har status <strong>${escapeHtml(status)}</strong>. Du kan lukke vinduet.</p>`,
  );
}

export function messagePage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}
