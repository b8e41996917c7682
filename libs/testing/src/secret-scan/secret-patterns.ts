/**
 * Detectors for secrets that must never reach a response, log line or event (DESIGN §4,
 * invariant 3). Each pattern is global so one line can yield several findings; a finding never
 * carries the secret itself, only a redacted excerpt of its line.
 */

export interface SecretDetector {
  readonly name: string;
  readonly description: string;
  /** Global regex; every match is a finding (and is redacted from excerpts). */
  readonly pattern: RegExp;
  /** When set, the line must also match this for `pattern` matches to count. */
  readonly onlyIfLineMatches?: RegExp;
}

export interface SecretMatch {
  detector: string;
  index: number;
  length: number;
}

/** Optional JSON-string escaping, for a JWK stringified inside another JSON log line. */
const q = String.raw`\\*"`;

export const SECRET_DETECTORS: readonly SecretDetector[] = [
  {
    name: 'jwt',
    description: 'JWT-shaped string (Maskinporten/Altinn tokens, JWT grant assertions, ID tokens)',
    pattern: /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  },
  {
    name: 'pem-private-key',
    description: 'PEM private key block header',
    pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/g,
  },
  {
    name: 'private-jwk',
    description: 'private JWK member (d, p, q, dp, dq, qi, or k of an oct key) on a line with "kty"',
    pattern: new RegExp(`${q}(?:d|p|q|dp|dq|qi|k)${q}\\s*:\\s*${q}[A-Za-z0-9_-]{16,}`, 'g'),
    onlyIfLineMatches: new RegExp(`${q}kty${q}\\s*:`),
  },
  {
    // apier_<mode>_<key id 12><secret 43><checksum 6>, base62 (apps/gateway/src/api-keys/api-key-format.ts).
    // No trailing boundary: a key glued to further text is still a leak.
    name: 'apier-api-key',
    description: 'Apier API key (apier_live_… / apier_test_…, 61 base62 characters after the prefix)',
    pattern: /apier_(?:live|test)_[0-9A-Za-z]{61}/g,
  },
  {
    // apier_approval_<32 random bytes, base64url> (apps/filing/src/approvals/approval-token-format.ts).
    name: 'approval-token',
    description: 'Apier approval token (apier_approval_ + 43 base64url characters)',
    pattern: /apier_approval_[A-Za-z0-9_-]{43}/g,
  },
  {
    // apier_session_<32 random bytes, base64url>: the approver session cookie's value
    // (apps/gateway/src/approvals/approver-session-token.ts).
    name: 'approver-session',
    description: 'Apier approver session cookie value (apier_session_ + 43 base64url characters)',
    pattern: /apier_session_[A-Za-z0-9_-]{43}/g,
  },
];

/** Every secret match on one line, in line order. */
export function findSecretsInLine(
  line: string,
  detectors: readonly SecretDetector[] = SECRET_DETECTORS,
): SecretMatch[] {
  const matches: SecretMatch[] = [];
  for (const detector of detectors) {
    if (detector.onlyIfLineMatches && !detector.onlyIfLineMatches.test(line)) continue;
    for (const m of line.matchAll(detector.pattern)) {
      if (m[0].length === 0) continue;
      matches.push({ detector: detector.name, index: m.index, length: m[0].length });
    }
  }
  return matches.sort((a, b) => a.index - b.index);
}

/** The line with every secret match replaced by `[SECRET:<detector>]`. */
export function redactSecrets(line: string, detectors: readonly SecretDetector[] = SECRET_DETECTORS): string {
  let out = '';
  let at = 0;
  for (const match of findSecretsInLine(line, detectors)) {
    if (match.index < at) continue; // overlaps an earlier match, already redacted
    out += `${line.slice(at, match.index)}[SECRET:${match.detector}]`;
    at = match.index + match.length;
  }
  return out + line.slice(at);
}

/**
 * A short excerpt around the `nth` redaction marker of the redacted line. The line is redacted
 * before it is cut, so a cut never leaves part of a secret unrecognised in the excerpt.
 */
export function redactedExcerpt(line: string, nth: number, context = 60): string {
  const redacted = redactSecrets(line);
  let position = -1;
  for (let i = 0; i <= nth; i++) {
    position = redacted.indexOf('[SECRET:', position + 1);
    if (position < 0) break;
  }
  if (position < 0) position = 0;
  const start = Math.max(0, position - context);
  const end = Math.min(redacted.length, redacted.indexOf(']', position) + 1 + context);
  return `${start > 0 ? '…' : ''}${redacted.slice(start, end)}${end < redacted.length ? '…' : ''}`;
}
