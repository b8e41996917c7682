import type { ApprovalRequestView, MintedApprovalToken, PreflightCheck } from '@apier/contracts';
import { type Html, html, layout } from './html';

/** The approver's pages: small, server-rendered, no scripts; every value is escaped by `html`. */
export interface PageSession {
  name: string;
  csrfToken: string;
}

export function signInPage(error?: string): Html {
  return layout(
    'Approver sign-in',
    html`${error ? html`<p class="error" role="alert">${error}</p>` : ''}
      <form method="post" action="/approvals/login">
        <label>Email <input type="email" name="email" autocomplete="username" required /></label>
        <label
          >Password <input type="password" name="password" autocomplete="current-password" required
        /></label>
        <button type="submit">Sign in</button>
      </form>`,
  );
}

export function pendingListPage(requests: ApprovalRequestView[], session: PageSession): Html {
  const rows = requests.map(
    (r) =>
      html`<tr>
        <td><a href="/approvals/${r.id}">${r.orgnr}</a></td>
        <td>${r.action_type}</td>
        <td>${r.created_at}</td>
        <td>${r.expires_at}</td>
      </tr>`,
  );
  return layout(
    'Pending approvals',
    requests.length === 0
      ? html`<p>Nothing is waiting for your approval.</p>`
      : html`<table>
          <thead>
            <tr>
              <th>Organisation</th>
              <th>Action</th>
              <th>Requested</th>
              <th>Expires</th>
            </tr>
          </thead>
          <tbody>
            ${rows}
          </tbody>
        </table>`,
    session,
  );
}

function checkRow(check: PreflightCheck): Html {
  return html`<tr>
    <td>${check.check}</td>
    <td class="${check.status}">${check.status}</td>
    <td>${check.code}</td>
    <td>${check.message}</td>
  </tr>`;
}

function summaryValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function approvalRequestPage(request: ApprovalRequestView, session: PageSession): Html {
  const summary = Object.entries(request.summary).map(
    ([key, value]) =>
      html`<tr>
        <th>${key}</th>
        <td>${summaryValue(value)}</td>
      </tr>`,
  );
  const approve =
    request.status === 'pending'
      ? html`<form method="post" action="/approvals/${request.id}/approve">
          <input type="hidden" name="csrf_token" value="${session.csrfToken}" />
          <p>Approving lets the account submit exactly this payload once, for this organisation.</p>
          <button type="submit">Approve</button>
        </form>`
      : html`<p>This request is <strong>${request.status}</strong> and can no longer be approved.</p>`;
  return layout(
    `Approve ${request.action_type} for ${request.orgnr}`,
    html`<table>
        <tr>
          <th>Organisation</th>
          <td>${request.orgnr}</td>
        </tr>
        <tr>
          <th>Action</th>
          <td>${request.action_type}</td>
        </tr>
        <tr>
          <th>Payload hash (SHA-256)</th>
          <td><code>${request.payload_hash}</code></td>
        </tr>
        <tr>
          <th>Status</th>
          <td>${request.status}</td>
        </tr>
        <tr>
          <th>Expires</th>
          <td>${request.expires_at}</td>
        </tr>
      </table>
      <h2>Summary</h2>
      <table>
        ${summary}
      </table>
      <h2>Preflight checks</h2>
      <table>
        <thead>
          <tr>
            <th>Check</th>
            <th>Result</th>
            <th>Code</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          ${request.checks.map(checkRow)}
        </tbody>
      </table>
      ${approve}
      <p><a href="/approvals">Back to pending approvals</a></p>`,
    session,
  );
}

export function approvalTokenPage(minted: MintedApprovalToken, session: PageSession): Html {
  return layout(
    'Approved',
    html`<p>
        Give this approval token to the system that submits the action. It is shown only now, works once, for
        this exact payload, until ${minted.expires_at}.
      </p>
      <p><code id="approval-token">${minted.approval_token}</code></p>
      <p>It goes in the <code>Approval-Token</code> header of <code>POST /api/v1/actions/execute</code>.</p>
      <p><a href="/approvals">Back to pending approvals</a></p>`,
    session,
  );
}

export function errorPage(title: string, detail: string, signInLink: boolean): Html {
  return layout(
    title,
    html`<p>${detail}</p>
      <p>
        ${signInLink ? html`<a href="/approvals/login">Sign in</a>` : html`<a href="/approvals">Back to pending approvals</a>`}
      </p>`,
  );
}
