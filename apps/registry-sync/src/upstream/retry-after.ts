/** Longest Retry-After we honour; a registry asking for more is treated as asking for this. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/** `Sun, 06 Nov 1994 08:49:37 GMT`, the HTTP-date form senders must use. */
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Milliseconds to wait from a `Retry-After` value (delay-seconds or an HTTP-date, RFC 9110 §10.2.3);
 * null when the header is absent or unreadable.
 */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, MAX_RETRY_AFTER_MS);
  if (!IMF_FIXDATE.test(value)) return null;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}
