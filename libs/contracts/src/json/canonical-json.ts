/**
 * RFC 8785 JSON Canonicalization Scheme (JCS). Receipt signatures, payload hashes and
 * Idempotency-Key fingerprints are defined over this form, and customers re-compute it to verify
 * receipts, so it lives with the contracts.
 *
 * Input is read through the JSON data model (`toJSON` is honoured; `undefined`, functions and
 * symbols are dropped from objects and become `null` in arrays, as `JSON.stringify` does). What
 * I-JSON (RFC 7493) forbids is refused with a `CanonicalJsonError`: non-finite numbers, BigInt and
 * strings with lone surrogates, so two parties can never canonicalise one value differently.
 */
export class CanonicalJsonError extends TypeError {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${message} at ${path || '/'}`);
    this.name = 'CanonicalJsonError';
  }
}

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function canonicalJson(value: unknown): string {
  const text = serialise(value, '');
  if (text === undefined) throw new CanonicalJsonError('Nothing to canonicalise', '');
  return text;
}

function serialise(input: unknown, path: string): string | undefined {
  const value = toJsonValue(input);
  switch (typeof value) {
    case 'string':
      if (LONE_SURROGATE.test(value)) throw new CanonicalJsonError('Lone surrogate in a string', path);
      // ECMAScript string serialisation is exactly what RFC 8785 §3.2.2.2 prescribes.
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError('Non-finite number', path);
      // ECMAScript Number-to-String (shortest round-trip, -0 as 0) is RFC 8785 §3.2.2.3.
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new CanonicalJsonError('BigInt has no JSON form', path);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    return `[${value.map((item, i) => serialise(item, `${path}/${i}`) ?? 'null').join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  // The default sort compares UTF-16 code units, which is the order RFC 8785 §3.2.3 requires.
  for (const key of Object.keys(record).sort()) {
    const member = serialise(record[key], `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (member === undefined) continue;
    if (LONE_SURROGATE.test(key)) throw new CanonicalJsonError('Lone surrogate in a member name', path);
    members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(',')}}`;
}

function toJsonValue(value: unknown): unknown {
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    return (value as { toJSON(): unknown }).toJSON();
  }
  return value;
}
