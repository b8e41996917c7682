import { ApierError } from '@apier/contracts';
import type { IncomingHttpHeaders } from 'node:http';

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The second CSRF defence on unsafe approver requests (the first is the synchronizer token): a
 * browser names where a request comes from in `Sec-Fetch-Site` and `Origin`, and anything but
 * this site is refused. Clients that send neither (curl, SDKs) are judged by the token alone.
 */
export function assertSameOrigin(headers: IncomingHttpHeaders, publicOrigin: string): void {
  const site = single(headers['sec-fetch-site']);
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new ApierError('csrf_rejected', 'Cross-site requests are not accepted here', { details: { site } });
  }
  const origin = single(headers.origin);
  if (origin === undefined) return;
  if (origin === publicOrigin) return;
  let host: string | undefined;
  try {
    host = origin === 'null' ? undefined : new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (host === undefined || host !== single(headers.host)) {
    throw new ApierError('csrf_rejected', 'Requests from another origin are not accepted here');
  }
}
