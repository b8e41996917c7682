/**
 * P4 filing: N live mva-melding filings (BENCH_FILINGS, default 1,000) through the real stack
 * against a zero-latency govsim, each approved first by a signed-in approver (dry run + approve,
 * not timed). Timed: every live `POST /api/v1/actions/execute` with its Idempotency-Key and
 * Approval-Token at bounded concurrency, until each action is `submitted` (or failed). Reported:
 * filings/s end to end, p50/p99 of the 202 and of the time to `submitted`, duplicates in govsim's
 * ledger and lost filings (both must be 0), and, as the baseline measured in the same run, the
 * same number of filings made straight against govsim's Altinn app with the same token type,
 * steps and concurrency. Finally 10 % of the live calls are replayed with their Idempotency-Key,
 * which must file nothing more.
 */
import {
  AcceptedActionSchema,
  type ActionView,
  ActionViewSchema,
  SUBJECTS,
  SystemUserAltinnTokenSchema,
} from '@apier/contracts';
import { type MvaMelding, renderMvaMeldingXml } from '@apier/mva';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { JSONCodec } from 'nats';
import { twoMonthTerms, validMelding } from '../e2e/support/mva-melding';
import { fileDirectly } from './support/direct-filing';
import { FilingStack, type Json } from './support/filing-stack';
import { type Figure, percentile, report } from './support/report';

const N = Number(process.env['BENCH_FILINGS'] ?? 1_000);
const CONCURRENCY = Number(process.env['BENCH_FILING_CONCURRENCY'] ?? 16);
const PREPARE_CONCURRENCY = 8;
const SETTLE_TIMEOUT_MS = Number(process.env['BENCH_FILING_SETTLE_SECONDS'] ?? 900) * 1_000;
const FEEDBACK_POLL_MS = 100;
/** Fixture companies that are VAT-registered and pass every preflight check; several spread the load. */
const ORGS = ['315678420', '315678439', '315678463'];
const TERMINAL = new Set(['submitted', 'needs_confirmation', 'failed', 'dead_lettered']);

interface Filing {
  melding: MvaMelding;
  body: { type: 'mva_melding'; orgnr: string; payload: string };
  key: string;
  token: string;
  sentAt?: number;
  acceptMs?: number;
  actionId?: string;
  /** 5xx or 409 answers retried with the same key before the 202. */
  retries: number;
  view?: ActionView;
}

async function main(): Promise<void> {
  const world = await FilingStack.start({
    DELEGATION_RECONCILE_SECONDS: '2',
    // preparing N approvals takes minutes here; the default 15 min would expire the first ones
    APPROVAL_TOKEN_TTL_SECONDS: '7200',
    FILING_FEEDBACK_POLL_MS: String(FEEDBACK_POLL_MS),
  });
  try {
    await world.zeroLatencyGovsim();
    for (const orgnr of ORGS) {
      await world.onboard(orgnr);
      await world.warmContext(orgnr);
    }
    const session = await world.signInApprover();
    const { ended } = twoMonthTerms();
    const run = randomUUID().slice(0, 8);

    const filings: Filing[] = Array.from({ length: N }, (_, i) => {
      const orgnr = ORGS[i % ORGS.length]!;
      const melding = validMelding(orgnr, ended, `bench-live-${run}-${i}`);
      return {
        melding,
        body: { type: 'mva_melding', orgnr, payload: renderMvaMeldingXml(melding) },
        key: `bench-${run}-${i}-${randomUUID()}`,
        token: '',
        retries: 0,
      };
    });
    const prepared = performance.now();
    await pool(filings, PREPARE_CONCURRENCY, async (f) => {
      f.token = await approvedToken(world, session, f.body);
    });
    progress(`prepared ${N} approved filings in ${seconds(performance.now() - prepared)} s`);

    // Baseline first, on the same govsim, with the same token type (the broker's System User token)
    const tokens = new Map<string, string>();
    for (const orgnr of ORGS) {
      const reply = await world.rpc.request(
        SUBJECTS.auth.systemUserAltinnToken,
        { account_id: world.account.id, orgnr, access_packages: ['urn:altinn:accesspackage:merverdiavgift'] },
        SystemUserAltinnTokenSchema,
        { accountId: world.account.id },
      );
      tokens.set(orgnr, reply.access_token);
    }
    const target = {
      appUrl: world.stack.env['ALTINN_MVA_APP_URL']!,
      skatteetatenUrl: world.stack.env['SKATTEETATEN_BASE_URL']!,
      feedbackPollMs: FEEDBACK_POLL_MS,
    };
    const direct = Array.from({ length: N }, (_, i) => {
      const orgnr = ORGS[i % ORGS.length]!;
      const melding = validMelding(orgnr, ended, `bench-direct-${run}-${i}`);
      return { orgnr, melding, xml: renderMvaMeldingXml(melding), ms: 0 };
    });
    const directStart = performance.now();
    await pool(direct, CONCURRENCY, async (d) => {
      const t = performance.now();
      await fileDirectly(target, tokens.get(d.orgnr)!, d.orgnr, d.melding, d.xml);
      d.ms = performance.now() - t;
    });
    const directMs = performance.now() - directStart;
    progress(`baseline: ${N} direct filings in ${seconds(directMs)} s`);

    // The live phase: every terminal action.* event says which action to read back
    const terminalEvents = new Set<string>();
    const codec = JSONCodec<Json>();
    world.nc.subscribe(`${world.stack.token}.apier.events.action.>`, {
      callback: (_err, msg) => {
        const event = codec.decode(msg.data);
        if (TERMINAL.has(event?.action?.status)) terminalEvents.add(event.action.id);
      },
    });
    await world.profiler('start');
    const cpuBefore = world.cpuUs();
    const liveStartWall = Date.now();
    await pool(filings, CONCURRENCY, (f) => executeLive(world, f));
    const accepted = filings.filter((f) => f.actionId);
    progress(`live: ${accepted.length}/${N} accepted in ${seconds(Date.now() - liveStartWall)} s`);
    await settle(world, accepted, terminalEvents);
    // the reporters write every 100 ms: wait for a report that covers the whole phase
    await new Promise((r) => setTimeout(r, 300));
    const cpuAfter = world.cpuUs();
    await world.profiler('stop');
    const cpuMsPerFiling = [...cpuAfter].map(
      ([app, us]) => [app, (us - cpuBefore.get(app)!) / 1000 / Math.max(accepted.length, 1)] as const,
    );

    const submitted = accepted.filter((f) => f.view?.status === 'submitted');
    const submittedAt = (f: Filing) => Date.parse(f.view!.history.find((h) => h.status === 'submitted')!.at);
    const lastSubmitted = Math.max(...submitted.map(submittedAt));
    const apierMs = lastSubmitted - liveStartWall;
    const toSubmitted = submitted.map((f) => submittedAt(f) - f.sentAt!).sort((a, b) => a - b);
    const acceptLatency = accepted.map((f) => f.acceptMs!).sort((a, b) => a - b);
    const directLatency = direct.map((d) => d.ms).sort((a, b) => a - b);
    const stages = stageTimes(submitted.map((f) => f.view!));
    progress(`where a submitted filing's time went (p50 ms): ${JSON.stringify(stages)}`);

    // Replay 10 %: same key, same body, same token → the stored 202, nothing filed again
    const replayed = accepted.filter((_, i) => i % 10 === 0);
    const replayMismatches = await replay(world, replayed);
    const ledger = await world.control('GET', 'altinn-apps/submissions');
    const perReference = new Map<string, number>(
      ledger.per_reference.map((r: Json) => [r.regnskapssystemsreferanse, r.count]),
    );
    const liveReferences = filings.map((f) => f.melding.regnskapssystemsreferanse);
    const duplicates = liveReferences.filter((r) => (perReference.get(r) ?? 0) > 1).length;
    const liveDelivered = liveReferences.filter((r) => perReference.has(r)).length;
    const directDuplicates = direct.filter(
      (d) => (perReference.get(d.melding.regnskapssystemsreferanse) ?? 0) !== 1,
    ).length;
    const lost = accepted.length - submitted.length;
    const byStatus = countBy(accepted.map((f) => f.view?.status ?? 'unsettled'));
    const retries = filings.reduce((sum, f) => sum + f.retries, 0);

    const figures: Figure[] = [
      {
        name: 'filings end to end',
        value: submitted.length / (apierMs / 1000),
        unit: 'filings/s',
        ratio: submitted.length / (apierMs / 1000) / (N / (directMs / 1000)),
        baseline: `direct govsim calls: ${round(N / (directMs / 1000))} filings/s`,
        note: `${N} filings over ${ORGS.length} orgs, ${CONCURRENCY} concurrent callers; first live call → last submitted`,
      },
      {
        name: 'Apier overhead (time ÷ direct time)',
        value: apierMs / directMs,
        unit: '×',
        ratio: apierMs / directMs,
        baseline: `direct ${seconds(directMs)} s vs Apier ${seconds(apierMs)} s`,
        note: 'same N, token type, steps and concurrency; Apier adds gateway, preflight, approval gate, idempotency, persisted steps, queue and receipt',
      },
      { name: 'accept (202) p50', value: percentile(acceptLatency, 50), unit: 'ms' },
      {
        name: 'accept (202) p99',
        value: percentile(acceptLatency, 99),
        unit: 'ms',
        note: `live call incl. preflight re-run and token consume; ${retries} retries with the same key`,
      },
      {
        name: 'time to submitted p50',
        value: percentile(toSubmitted, 50),
        unit: 'ms',
        ratio: percentile(toSubmitted, 50) / percentile(directLatency, 50),
        baseline: `one direct filing p50 ${round(percentile(directLatency, 50))} ms`,
        note: 'live call sent → `submitted` in the action history',
      },
      {
        name: 'time to submitted p99',
        value: percentile(toSubmitted, 99),
        unit: 'ms',
        ratio: percentile(toSubmitted, 99) / percentile(directLatency, 99),
        baseline: `one direct filing p99 ${round(percentile(directLatency, 99))} ms`,
      },
      {
        name: 'queue wait p50 (accepted → first pipeline step)',
        value: stages['queued → running'] ?? 0,
        unit: 'ms',
        note: 'history entries of the submitted actions',
      },
      {
        name: 'pipeline run p50 (first step → submitted)',
        value: stages['pipeline run'] ?? 0,
        unit: 'ms',
        baseline: `one direct filing p50 ${round(percentile(directLatency, 50))} ms`,
        note: `per step: ${Object.entries(stages)
          .filter(([k]) => k.startsWith('step '))
          .map(([k, v]) => `${k.slice(5)} ${Math.round(v)}`)
          .join(', ')}`,
      },
      {
        name: 'CPU time per filing, all services',
        value: cpuMsPerFiling.reduce((sum, [, ms]) => sum + ms, 0),
        unit: 'ms',
        note: `live call to submitted incl. the settle reads: ${cpuMsPerFiling.map(([app, ms]) => `${app} ${ms.toFixed(1)}`).join(', ')} ms; steadier than filings/s on a shared machine`,
      },
      {
        name: 'duplicates in govsim’s ledger',
        value: duplicates,
        unit: 'references',
        note: `regnskapssystemsreferanse delivered more than once (must be 0); ${liveDelivered}/${N} live references delivered; direct baseline: ${directDuplicates} not delivered exactly once`,
      },
      {
        name: 'lost (accepted, not submitted)',
        value: lost,
        unit: 'filings',
        note: `must be 0; ${accepted.length}/${N} accepted; statuses ${JSON.stringify(byStatus)}`,
      },
      {
        name: 'idempotent replays',
        value: replayed.length,
        unit: 'calls',
        note: `${replayMismatches} not answered with the stored 202; extra submissions: ${duplicates} (must be 0)`,
      },
    ];
    report('filing-live', figures);
    if (duplicates > 0 || lost > 0 || replayMismatches > 0 || accepted.length < N) process.exitCode = 1;
  } finally {
    await world.stop();
  }
}

/**
 * Median time of each stage of the submitted actions, from their history: waiting in the queue
 * (the first entry to the first `running` one), the whole pipeline run (first `running` entry to
 * `submitted`), and each step (the previous entry to the step's own completion).
 */
function stageTimes(views: ActionView[]): Record<string, number> {
  const samples = new Map<string, number[]>();
  const add = (stage: string, ms: number) => samples.set(stage, [...(samples.get(stage) ?? []), ms]);
  for (const view of views) {
    const history = [...view.history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const running = history.find((h) => h.status === 'running');
    const submitted = history.find((h) => h.status === 'submitted');
    if (!running || !submitted) continue;
    add('queued → running', Date.parse(running.at) - Date.parse(history[0]!.at));
    add('pipeline run', Date.parse(submitted.at) - Date.parse(running.at));
    history.forEach((entry, i) => {
      if (i > 0 && (entry.type === 'action.step_completed' || entry.status === 'submitted'))
        add(
          `step ${entry.status === 'submitted' ? 'receipt' : entry.step}`,
          Date.parse(entry.at) - Date.parse(history[i - 1]!.at),
        );
    });
  }
  return Object.fromEntries(
    [...samples].map(([stage, values]) => [
      stage,
      percentile(
        values.sort((a, b) => a - b),
        50,
      ),
    ]),
  );
}

/** Dry run (creates the approval request), then the approver approves: the token the live call needs. */
async function approvedToken(world: FilingStack, session: { cookie: string; csrf: string }, body: Json) {
  const result = await retrying('dry run', async () => {
    const response = await world.api('/api/v1/actions/execute?dry_run=true', { body });
    return { status: response.status, body: (await response.json()) as Json };
  });
  if (!result.approval_request) throw new Error(`dry run blocked: ${JSON.stringify(result.checks)}`);
  const approved = await retrying('approve', async () => {
    const response = await fetch(
      `${world.gatewayUrl}/api/v1/approvals/${result.approval_request.id}/approve`,
      {
        method: 'POST',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, origin: world.gatewayUrl },
      },
    );
    return { status: response.status === 201 ? 200 : response.status, body: (await response.json()) as Json };
  });
  return approved.approval_token as string;
}

/** Preparation is not timed; a 503/504 on the loaded machine is asked again rather than failing the run. */
async function retrying(what: string, call: () => Promise<{ status: number; body: Json }>): Promise<Json> {
  for (let attempt = 1; ; attempt++) {
    const { status, body } = await call();
    if (status === 200) return body;
    if (status < 500 || attempt >= 5) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 200 * attempt));
  }
}

/** The live call; a 5xx or an in-flight 409 is repeated with the same key, as a client should. */
async function executeLive(world: FilingStack, f: Filing): Promise<void> {
  f.sentAt = Date.now();
  const started = performance.now();
  for (;;) {
    const response = await live(world, f);
    const body = (await response.json()) as Json;
    if (response.status === 202) {
      f.acceptMs = performance.now() - started;
      f.actionId = AcceptedActionSchema.parse(body).action_id;
      return;
    }
    if ((response.status >= 500 || response.status === 409) && f.retries < 5) {
      f.retries += 1;
      await new Promise((r) => setTimeout(r, 100 * f.retries));
      continue;
    }
    progress(`live call refused: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    return;
  }
}

function live(world: FilingStack, f: Filing): Promise<Response> {
  return world.api('/api/v1/actions/execute', {
    body: f.body,
    headers: { 'idempotency-key': `"${f.key}"`, 'approval-token': f.token },
  });
}

/**
 * Reads back every action once an event says it ended, and sweeps those without one every few
 * seconds, until all are terminal or the time is up (what is left counts as lost).
 */
async function settle(world: FilingStack, accepted: Filing[], terminalEvents: Set<string>): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let lastSweep = Date.now();
  for (;;) {
    world.assertRunning();
    const sweep = Date.now() - lastSweep > 5_000;
    if (sweep) lastSweep = Date.now();
    const toRead = accepted.filter(
      (f) => !TERMINAL.has(f.view?.status ?? '') && (sweep || terminalEvents.has(f.actionId!)),
    );
    await pool(toRead, 4, async (f) => {
      f.view = ActionViewSchema.parse(await (await world.api(`/api/v1/actions/${f.actionId}`)).json());
    });
    const open = accepted.filter((f) => !TERMINAL.has(f.view?.status ?? '')).length;
    if (open === 0) return;
    if (Date.now() > deadline) {
      progress(`${open} actions still open after ${SETTLE_TIMEOUT_MS / 1000} s`);
      return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Replays each call; answers the number that did not come back as the same stored 202. */
async function replay(world: FilingStack, filings: Filing[]): Promise<number> {
  let mismatches = 0;
  await pool(filings, CONCURRENCY, async (f) => {
    const response = await live(world, f);
    const body = (await response.json()) as Json;
    const same =
      response.status === 202 &&
      response.headers.get('idempotent-replayed') === 'true' &&
      body.action_id === f.actionId;
    if (!same) mismatches += 1;
  });
  return mismatches;
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

const countBy = (values: string[]) =>
  values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const round = (n: number) => n.toFixed(n >= 100 ? 0 : 2);
const progress = (line: string) => process.stderr.write(`${line}\n`);

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
