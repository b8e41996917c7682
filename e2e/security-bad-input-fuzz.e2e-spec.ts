import fc from 'fast-check';
import { DelegationWorld, type Json } from './support/delegation-world';
import { signInApprover } from './support/filing-world';
import {
  casesFor,
  type Credentials,
  documentedOperations,
  type DocumentedOperation,
  type FuzzCase,
} from './support/security/fuzz-cases';
import { LEAKED_FILE } from './support/security/hostile-xml';
import { readJson } from './support/read-json';
import { textTable } from './support/security/text-table';

const SEED = 20_260_619;
/** Total requests; the default fits the ~3 minute budget of a loaded 2-core machine. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 10_000);
const CONCURRENCY = Number(process.env['FUZZ_CONCURRENCY'] ?? 16);
const CHUNK = 500;
const REQUEST_TIMEOUT_MS = 30_000;
const BODY_LIMIT_BYTES = 1_048_576;

interface Outcome {
  status: number;
  failure: string | null;
}

/** What a well-behaved gateway answers to bad input: a 4xx problem document, never a 5xx, a crash or a hang. */
async function judge(c: FuzzCase, response: Response): Promise<string | null> {
  const { status } = response;
  const type = response.headers.get('content-type') ?? '';
  const text = await response.text();
  if (status >= 500) return `${status}: ${text.slice(0, 300)}`;
  if (c.hostileXml && LEAKED_FILE.test(text)) return 'an external entity was resolved into the answer';
  if (status >= 400) {
    // the approver pages answer a browser (a form post) with an HTML page, by design
    const page = !c.path.startsWith('/api/');
    const form = (c.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    if (page && form) return type.startsWith('text/html') ? null : `${status} page as ${type}`;
    if (!type.startsWith('application/problem+json')) return `${status} as ${type}: ${text.slice(0, 200)}`;
    let problem: Json;
    try {
      problem = JSON.parse(text);
    } catch {
      return `${status} problem body is not JSON`;
    }
    if (typeof problem.type !== 'string' || typeof problem.title !== 'string' || problem.status !== status)
      return `${status} problem lacks type/title/status: ${text.slice(0, 200)}`;
    return null;
  }
  if (!c.mustRefuse) return null;
  // a dry run reports a bad mva-melding as a failing check, not as a refusal
  if (status === 200 && c.path.includes('dry_run=true')) {
    const payloadValid = JSON.parse(text).checks?.find((check: Json) => check.check === 'payload_valid');
    return payloadValid?.status === 'fail' ? null : `bad payload passed payload_valid: ${text.slice(0, 200)}`;
  }
  return `accepted with ${status}: ${text.slice(0, 200)}`;
}

async function send(baseUrl: string, c: FuzzCase): Promise<Outcome> {
  try {
    const response = await fetch(baseUrl + c.path, {
      method: c.method,
      headers: c.headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      ...(c.body !== undefined ? { body: c.body } : {}),
    });
    return { status: response.status, failure: await judge(c, response) };
  } catch (error) {
    return { status: 0, failure: `no answer: ${(error as Error).message}` };
  }
}

/** The cases of chunk `n`: a fixed seed per chunk keeps a run reproducible without holding every body at once. */
function chunkOf(arbitrary: fc.Arbitrary<FuzzCase>, n: number, size: number): FuzzCase[] {
  return fc.sample(arbitrary, { seed: SEED + n, numRuns: size });
}

describe('security: bad input across every documented operation answers 4xx problem+json, never 5xx', () => {
  let world: DelegationWorld;
  let operations: DocumentedOperation[];
  let credentials: Credentials;

  beforeAll(async () => {
    world = await DelegationWorld.start(['govsim', 'registry-sync', 'auth-broker', 'filing', 'gateway'], {
      // the fuzz is about validation: the public routes' rate limit would otherwise answer most of it
      PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000',
      BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES),
    });
    operations = documentedOperations(await readJson(await fetch(`${world.stack.gatewayUrl}/docs`)));
    const session = await signInApprover(world, 'a');
    credentials = {
      apiKey: world.accounts.a.key,
      cookie: session.cookie,
      csrf: session.csrf,
      origin: world.stack.gatewayUrl,
      orgnr: '315678420',
      bodyLimitBytes: BODY_LIMIT_BYTES,
    };
  }, 180_000);
  /** The apps' error lines for the trace a failed answer names, so a 5xx explains itself. */
  const errorsOfTrace = (failure: string): string => {
    const traceId = /"traceId":"([0-9a-f]{32})"/.exec(failure)?.[1];
    if (!traceId) return '';
    const lines = world.stack.allLogs().filter((l) => JSON.stringify(l).includes(traceId));
    return lines.map((l) => `\n    ${JSON.stringify(l).slice(0, 1500)}`).join('');
  };

  afterAll(async () => {
    await world?.stop();
  });

  it(`sends ${RUNS} malformed requests (seed ${SEED}): 0 5xx, only problem+json refusals, every app alive`, async () => {
    expect(operations.length).toBeGreaterThanOrEqual(20);
    const arbitrary = fc.constantFrom(...operations).chain((op) => casesFor(op, credentials));
    const statuses = new Map<number, number>();
    const perOperation = new Map<string, { sent: number; statuses: Set<number> }>();
    const perKind = new Map<string, number>();
    const failures: string[] = [];
    const started = Date.now();

    for (let n = 0; n * CHUNK < RUNS; n++) {
      const cases = chunkOf(arbitrary, n, Math.min(CHUNK, RUNS - n * CHUNK));
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < cases.length) {
            const c = cases[next++]!;
            const outcome = await send(world.stack.gatewayUrl, c);
            statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
            const seen = perOperation.get(c.operationId) ?? { sent: 0, statuses: new Set<number>() };
            seen.sent += 1;
            seen.statuses.add(outcome.status);
            perOperation.set(c.operationId, seen);
            perKind.set(c.kind, (perKind.get(c.kind) ?? 0) + 1);
            if (outcome.failure)
              failures.push(
                `${c.operationId} ${c.kind} ${c.method} ${c.path.slice(0, 160)} body ${String(c.body ?? '').slice(0, 120)}: ${outcome.failure}${errorsOfTrace(outcome.failure)}`,
              );
          }
        }),
      );
    }
    const seconds = (Date.now() - started) / 1000;
    const sent = [...statuses.values()].reduce((a, b) => a + b, 0);

    const ready = await fetch(`${world.stack.gatewayUrl}/health/ready`);
    const alive = [...world.stack.apps.values()].map((app) => [app.name, app.running ? 'alive' : 'DEAD']);
    process.stdout.write(
      [
        `\nBad-input fuzz: ${sent} requests in ${seconds.toFixed(1)} s (${(sent / seconds).toFixed(0)}/s), seed ${SEED}, ${failures.length} failures`,
        textTable(
          ['status', 'responses'],
          [...statuses].sort(([a], [b]) => a - b).map(([s, count]) => [s === 0 ? 'no answer' : s, count]),
        ),
        textTable(
          ['case kind', 'requests'],
          [...perKind].sort(([a], [b]) => a.localeCompare(b)),
        ),
        textTable(
          ['operation', 'requests', 'statuses'],
          [...perOperation].map(([id, s]) => [id, s.sent, [...s.statuses].sort().join(' ')]),
        ),
        textTable(['app', 'process'], alive),
        ...failures.slice(0, 20),
        '',
      ].join('\n'),
    );

    expect(sent).toBe(RUNS);
    expect(new Set(perOperation.keys())).toEqual(new Set(operations.map((op) => op.operationId)));
    expect(failures).toEqual([]);
    expect([...statuses.keys()].filter((s) => s >= 500 || s === 0)).toEqual([]);
    expect(alive.filter(([, state]) => state !== 'alive')).toEqual([]);
    expect(ready.status).toBe(200);
    expect((await readJson(ready)).status).toBe('ok');
  }, 900_000);
});
