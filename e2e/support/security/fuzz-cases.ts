import fc from 'fast-check';
import { hostileMvaMelding } from './hostile-xml';

export type Auth = 'none' | 'api-key' | 'approver-session';

/** One operation as the gateway's own OpenAPI document (`/docs`, built from OPERATIONS) lists it. */
export interface DocumentedOperation {
  operationId: string;
  method: 'GET' | 'POST';
  path: string;
  auth: Auth;
  pathParams: string[];
  queryParams: string[];
  hasBody: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type OpenApiDocument = { paths: Record<string, Record<string, any>> };

export function documentedOperations(document: OpenApiDocument): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const params = (op.parameters ?? []) as { name: string; in: string }[];
      const scheme = Object.keys(op.security?.[0] ?? {})[0];
      return {
        operationId: op.operationId as string,
        method: method.toUpperCase() as 'GET' | 'POST',
        path,
        auth: scheme === 'apiKey' ? 'api-key' : scheme === 'approverSession' ? 'approver-session' : 'none',
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        hasBody: op.requestBody !== undefined,
      };
    }),
  );
}

export interface Credentials {
  apiKey: string;
  cookie: string;
  csrf: string;
  origin: string;
  /** An organisation number that passes MOD11 and that govsim knows. */
  orgnr: string;
  bodyLimitBytes: number;
}

export interface FuzzCase {
  operationId: string;
  kind: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** The input is wrong in a way the operation must refuse (4xx, or the sign-in redirect of a page). */
  mustRefuse: boolean;
  /** An mva-melding built to attack the XML parser (its answer must not carry a resolved entity). */
  hostileXml: boolean;
}

/** Path parameter values that are valid, so a case breaks one thing at a time. */
const VALID_PARAM: Record<string, (c: Credentials) => string> = {
  orgnr: (c) => c.orgnr,
  id: () => '0b6f4a52-3c1e-4d8a-9f57-5a1c2e7d9b10',
  package: () => 'lonn',
  role: () => 'DAGL',
};

const ascii = (max: number) => fc.string({ unit: 'grapheme-ascii', maxLength: max });
const anyText = (max: number) => fc.string({ unit: 'binary', maxLength: max });

function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    // a lone surrogate cannot be percent-encoded as UTF-8: send its bytes as invalid UTF-8 instead
    return '%ED%A0%80';
  }
}

/** Nine digits failing the MOD11 check (the check digit is off by one). */
const nonMod11Orgnr = fc.integer({ min: 10_000_000, max: 99_999_999 }).map((n) => {
  const digits = String(n).split('').map(Number);
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  const rest = 11 - (digits.reduce((sum, d, i) => sum + d * weights[i]!, 0) % 11);
  const check = rest === 11 ? 0 : rest;
  return `${n}${(check + 1) % 10}`;
});

/** Raw (already encoded) path segments: traversal, encoded separators, NULs, non-UUIDs, unicode. */
const badPathValue: fc.Arbitrary<string> = fc.oneof(
  nonMod11Orgnr,
  fc.constantFrom(
    '..%2F..%2F..%2Fetc%2Fpasswd',
    '%2e%2e%2f%2e%2e%2fdocs',
    '..%5C..%5Cwindows',
    '%00',
    'null',
    '-1',
    '00000000-0000-0000-0000-00000000000g',
    '0b6f4a52-3c1e-4d8a-9f57-5a1c2e7d9b10%00',
    '%C0%AE%C0%AE%2F',
    '%ED%A0%80',
    '%FF%FE',
    "1'%20OR%20'1'%3D'1",
    '%7B%7B7*7%7D%7D',
    '9'.repeat(2_000),
  ),
  anyText(80)
    .filter((s) => s.length > 0)
    .map(encode),
  fc.uuid().map((u) => u.replace(/-/g, '')),
);

const badQueryValue: fc.Arbitrary<string> = fc.oneof(
  anyText(60).map(encode),
  fc.constantFrom('', 'TRUE', '1', 'yes', 'true%00', 'true&dry_run=false', '%FF', 'x'.repeat(5_000)),
);

/** Authorization header variants that must never authenticate. */
const badAuthorization = (c: Credentials): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(
      '',
      'Bearer',
      'Bearer ',
      `bearer${c.apiKey}`,
      `Basic ${Buffer.from(`user:${c.apiKey}`).toString('base64')}`,
      `Bearer ${c.apiKey.replace('apier_test_', 'apier_live_')}`,
      `Bearer ${c.apiKey.slice(0, -1)}${c.apiKey.endsWith('A') ? 'B' : 'A'}`,
      `Bearer ${c.apiKey}${c.apiKey}`,
      `Bearer apier_test_${'A'.repeat(5_000)}`,
      `Bearer ${c.apiKey}, Bearer ${c.apiKey}`,
      `Bearer ${c.apiKey.toUpperCase()}`,
      'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.',
    ),
    ascii(200).map((s) => `Bearer ${s}`),
  );

const badIdempotencyKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', '""', '"short"', '"a b c d e f g h i j k l"', '"abc', 'abc"', `"${'k'.repeat(300)}"`),
  fc.constantFrom('"aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb"', 'aaaaaaaaaaaaaaaa;q=1', ':YWJj:', '?1', '1234'),
  ascii(40),
);

const badApprovalToken: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', 'null', 'Bearer x', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.', 'x'.repeat(8_000)),
  ascii(120),
);

const junkJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, 0, -1, true, 'x', [], [null], { __proto__: { polluted: true } }),
);

interface BodyCase {
  kind: string;
  body: string | Uint8Array;
  contentType?: string;
}

/** Bodies that are malformed, mistyped, bloated or mislabelled; the skeleton is the operation's own shape. */
function badBody(skeleton: Record<string, unknown>, c: Credentials): fc.Arbitrary<BodyCase> {
  const json = (kind: string) => (value: unknown) => ({ kind, body: JSON.stringify(value) });
  const fields = Object.keys(skeleton);
  return fc.oneof(
    { weight: 4, arbitrary: ascii(200).map((s) => ({ kind: 'malformed-json', body: `{${s}` })) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom('{', '[', '{"a":', 'nul', '{"a":1,}', "{'a':1}", '\u0000', '')
        .map((body) => ({
          kind: 'malformed-json',
          body,
        })),
    },
    { weight: 4, arbitrary: junkJsonValue.map(json('wrong-type')) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom(...(fields.length ? fields : ['x'])), junkJsonValue)
        .map(([field, value]) => JSON.stringify({ ...skeleton, [field]: value }))
        .map((body) => ({ kind: 'wrong-type', body })),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          ascii(20).filter((k) => k.length > 0 && !fields.includes(k)),
          junkJsonValue,
        )
        .map(([field, value]) => ({
          kind: 'unknown-field',
          body: JSON.stringify({ ...skeleton, [field]: value }),
        })),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...(fields.length ? fields : ['x']))
        .map((field) => JSON.stringify({ ...skeleton, [field]: 'x'.repeat(200_000) }))
        .map((body) => ({ kind: 'huge-string', body })),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...(fields.length ? fields : ['x']))
        .map((field) => JSON.stringify({ ...skeleton, [field]: Array.from({ length: 20_000 }, (_, i) => i) }))
        .map((body) => ({ kind: 'huge-array', body })),
    },
    {
      weight: 1,
      arbitrary: fc.constant({
        kind: 'oversized',
        body: JSON.stringify({ ...skeleton, pad: 'x'.repeat(c.bodyLimitBytes) }),
      }),
    },
    {
      weight: 3,
      arbitrary: fc
        .constantFrom(
          'text/plain',
          'application/xml',
          'multipart/form-data; boundary=x',
          'application/x-www-form-urlencoded',
          'application/json; charset=latin1',
          'application/jsonx',
          '*/*',
          '',
        )
        .map((contentType) => ({
          kind: 'content-type',
          contentType,
          body: JSON.stringify({ ...skeleton, zz: 1 }),
        })),
    },
    {
      weight: 2,
      arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => ({
        kind: 'invalid-utf8',
        body: Buffer.concat([
          Buffer.from('{"x":"'),
          Buffer.from([0xff, 0xfe, 0xc0, 0x80]),
          bytes,
          Buffer.from('"}'),
        ]),
      })),
    },
  );
}

/** A well-formed body for each operation, so one field at a time can be broken. */
function skeletonOf(op: DocumentedOperation, c: Credentials): Record<string, unknown> {
  switch (op.operationId) {
    case 'executeAction':
    case 'dryRunSandboxAction':
      return {
        type: 'mva_melding',
        orgnr: op.operationId === 'executeAction' ? c.orgnr : '999999999',
        payload: '<x/>',
      };
    case 'createDelegationRequest':
      return { orgnr: c.orgnr, access_packages: ['urn:altinn:accesspackage:merverdiavgift'] };
    case 'approverSignIn':
      return { email: 'nobody@example.no', password: 'wrong-password' };
    case 'verifyReceipt':
      return {
        envelope: {},
        signature: { key_id: 'k', algorithm: 'HMAC-SHA256', canonicalization: 'RFC8785', value: 'v1,x' },
      };
    case 'planAltinnRolesMigration':
      return { roles: ['REGNA'] };
    default:
      return {};
  }
}

function baseRequest(op: DocumentedOperation, c: Credentials) {
  const headers: Record<string, string> = { origin: c.origin, accept: 'application/json' };
  if (op.auth === 'api-key') headers['authorization'] = `Bearer ${c.apiKey}`;
  if (op.auth === 'approver-session') {
    headers['cookie'] = c.cookie;
    // signing out would end the session every other case relies on
    if (op.operationId !== 'approverSignOut') headers['x-csrf-token'] = c.csrf;
  }
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => VALID_PARAM[name]!(c));
  const query = op.operationId === 'dryRunSandboxAction' ? '?dry_run=true' : '';
  return { headers, path, query };
}

/** Every way of breaking one operation; each case breaks one part of an otherwise valid request. */
export function casesFor(op: DocumentedOperation, c: Credentials): fc.Arbitrary<FuzzCase> {
  const base = baseRequest(op, c);
  const skeleton = skeletonOf(op, c);
  const make = (kind: string, mustRefuse: boolean, part: Partial<FuzzCase>): FuzzCase => ({
    operationId: op.operationId,
    kind,
    method: op.method,
    path: base.path + base.query,
    headers: withJson(op, base.headers),
    mustRefuse,
    hostileXml: false,
    ...(op.hasBody ? { body: JSON.stringify(skeleton) } : {}),
    ...part,
  });
  const variants: fc.Arbitrary<FuzzCase>[] = [];

  if (op.pathParams.length) {
    variants.push(
      fc.tuple(fc.constantFrom(...op.pathParams), badPathValue).map(([name, value]) =>
        make('bad-path', true, {
          path:
            op.path.replace(/\{(\w+)\}/g, (_, n: string) => (n === name ? value : VALID_PARAM[n]!(c))) +
            base.query,
        }),
      ),
    );
  }

  const documented = op.queryParams;
  variants.push(
    fc
      .tuple(
        documented.length ? fc.constantFrom(...documented) : ascii(12).filter((s) => /^\w+$/.test(s)),
        badQueryValue,
        fc.boolean(),
      )
      .map(([name, value, repeat]) => {
        const q = `${name}=${value}${repeat ? `&${name}=${value}&junk=${value}` : ''}`;
        // documented parameters must refuse a bad value; an unknown one on an operation without any may be ignored
        return make('bad-query', documented.length > 0, { path: `${base.path}?${q}` });
      }),
  );

  if (op.hasBody) {
    variants.push(
      badBody(skeleton, c).map(({ kind, body, contentType }) =>
        make(kind, true, {
          body,
          headers: {
            ...base.headers,
            ...(contentType === undefined
              ? { 'content-type': 'application/json' }
              : { 'content-type': contentType }),
          },
        }),
      ),
    );
  }

  if (op.auth === 'api-key') {
    variants.push(
      badAuthorization(c).map((authorization) => {
        const headers = { ...base.headers };
        delete headers['authorization'];
        if (authorization !== undefined) headers['authorization'] = authorization;
        return make('bad-authorization', true, { headers: withJson(op, headers) });
      }),
    );
  }
  if (op.auth === 'approver-session') {
    variants.push(
      fc.tuple(ascii(120), fc.constantFrom('cookie', 'csrf', 'both')).map(([junk, which]) => {
        const headers = { ...base.headers };
        if (which !== 'csrf') headers['cookie'] = `${c.cookie.split('=')[0]}=${junk}`;
        if (which !== 'cookie') headers['x-csrf-token'] = junk;
        // a GET with a good cookie and a bad CSRF token is still allowed: CSRF guards unsafe methods only
        return make('bad-session', op.method === 'POST' || which !== 'csrf', { headers });
      }),
    );
  }

  if (op.operationId === 'executeAction') {
    variants.push(
      fc.tuple(fc.option(badIdempotencyKey), fc.option(badApprovalToken)).map(([key, token]) =>
        make('bad-live-headers', true, {
          headers: withJson(op, {
            ...base.headers,
            ...(key !== null ? { 'idempotency-key': key } : {}),
            ...(token !== null ? { 'approval-token': token } : {}),
          }),
          body: JSON.stringify({ ...skeleton, payload: '<x/>' }),
        }),
      ),
    );
  }

  if (op.operationId === 'executeAction' || op.operationId === 'dryRunSandboxAction') {
    variants.push(
      fc.tuple(hostileMvaMelding, fc.boolean()).map(([payload, dryRun]) => {
        const live = op.operationId === 'executeAction' && !dryRun;
        return make('mva-xml', true, {
          path:
            op.operationId === 'executeAction' ? `${base.path}?dry_run=${dryRun}` : base.path + base.query,
          body: JSON.stringify({ ...skeleton, payload }),
          headers: withJson(op, {
            ...base.headers,
            ...(live
              ? {
                  'idempotency-key': `"fuzz-${Math.abs(payload.length)}-aaaaaaaaaaaa"`,
                  'approval-token': 'x',
                }
              : {}),
          }),
          hostileXml: true,
        });
      }),
    );
  }
  return fc.oneof(...variants);
}

function withJson(op: DocumentedOperation, headers: Record<string, string>): Record<string, string> {
  return op.hasBody ? { ...headers, 'content-type': 'application/json' } : headers;
}
