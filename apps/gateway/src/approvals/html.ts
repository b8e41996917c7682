import type { FastifyReply } from 'fastify';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every value that reaches a page goes through this; pages have no other way to insert text. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A tagged template that escapes every interpolation unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Html(out);
}

function render(value: unknown): string {
  if (Array.isArray(value)) return value.map(render).join('');
  if (value instanceof Html) return value.value;
  return escapeHtml(value ?? '');
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ddd;vertical-align:top}
code{word-break:break-all;background:#f3f3f3;padding:.2rem .3rem}.pass{color:#17663a}.warn{color:#8a5a00}.fail{color:#a1121b}
.error{color:#a1121b}button{padding:.5rem 1rem}label{display:block;margin:.6rem 0}`;

export function layout(title: string, body: Html, signedInAs?: { name: string; csrfToken: string }): Html {
  const header = signedInAs
    ? html`<p>Signed in as ${signedInAs.name} ·
        <form method="post" action="/approvals/logout" style="display:inline">
          <input type="hidden" name="csrf_token" value="${signedInAs.csrfToken}"><button type="submit">Sign out</button>
        </form></p>`
    : html``;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>${title} · Apier</title>
        <style>
          ${new Html(STYLE)}
        </style>
      </head>
      <body>
        ${header}
        <h1>${title}</h1>
        ${body}
      </body>
    </html>`;
}

/**
 * Sends a page: never cached (pages hold CSRF tokens and, once, an approval token), never framed,
 * no scripts, forms only to this site.
 */
export function sendPage(reply: FastifyReply, status: number, page: Html): void {
  void reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .send(page.value);
}
