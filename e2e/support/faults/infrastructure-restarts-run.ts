import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countBy, type Figures, formatCounts, OUT_DIR, reportFigures } from './figures';
import { type FilingOutcomes, filingOutcomes, outcomeFigures } from './filing-outcomes';
import { FILING_ORGS, type LiveFiling, LiveFilingWorld, pause, pool } from './live-filings';
import type { InfraService, PrivateInfrastructure } from './private-infrastructure';

/** A request still unanswered after this long counts as hung. */
const HANG_MS = 30_000;

type Kind = 'context' | 'dry_run';

interface Sample {
  kind: Kind;
  started: number;
  ended: number;
  /** 0: no answer (connection refused or reset, or aborted as hung). */
  status: number;
  problemJson: boolean;
  hung: boolean;
}

export interface OutageResult {
  service: InfraService;
  down: number;
  back: number;
  downMs: number;
  /** Requests started while the service was down. */
  during: Sample[];
  /** From the service's return to the end of the first successful request of each kind started after it. */
  recoveryMs: Record<Kind, number | null>;
}

export interface InfrastructureRestartResult {
  outages: OutageResult[];
  samples: Sample[];
  filings: LiveFiling[];
  outcomes: FilingOutcomes;
}

export interface InfrastructureRestartPlan {
  scenario: string;
  services: InfraService[];
  outageMs: number;
  filings: number;
  /** The gateway's deadline for an answer from the services (NATS_REQUEST_TIMEOUT_MS). */
  deadlineMs: number;
  budgetMs: number;
}

/**
 * Keeps requests flowing (company context reads and dry runs from two clients, live filings from
 * two more) while each service in turn is stopped for `outageMs` and started again. Every answer
 * is timed; the first success after the service's return gives the recovery time; the live
 * filings must each end submitted once or with their cause.
 */
export async function runInfrastructureRestarts(
  live: LiveFilingWorld,
  infra: PrivateInfrastructure,
  plan: InfrastructureRestartPlan,
): Promise<InfrastructureRestartResult> {
  const deadline = Date.now() + plan.budgetMs;
  const samples: Sample[] = [];
  const probes = {
    context: () => live.world.api('a', `/api/v1/company/${FILING_ORGS[0]}/context`),
    dry_run: () =>
      live.world.api('a', '/api/v1/actions/execute?dry_run=true', live.newFiling(FILING_ORGS[1]!).body),
  };
  let flowing = true;
  const client = async (kind: Kind) => {
    while (flowing) {
      samples.push(await timed(kind, probes[kind]));
      await pause(100);
    }
  };
  const clients = [client('context'), client('context'), client('dry_run'), client('dry_run')];
  const filings = Array.from({ length: plan.filings }, (_, i) =>
    live.newFiling(FILING_ORGS[i % FILING_ORGS.length]!),
  );
  const filers = pool(filings, 2, async (f) => {
    await live.approveFiling(f, deadline);
    await live.submitLive(f, deadline);
    await pause(500);
  });

  const outages: OutageResult[] = [];
  for (const service of plan.services) {
    await pause(3_000);
    const down = Date.now();
    await infra.stopService(service);
    await pause(plan.outageMs);
    await infra.startService(service);
    const back = Date.now();
    const [context, dryRun] = await Promise.all([
      firstSuccess('context', probes.context, back),
      firstSuccess('dry_run', probes.dry_run, back),
    ]);
    const recoveryMs = { context, dry_run: dryRun };
    outages.push({
      service,
      down,
      back,
      downMs: back - down,
      during: samples.filter((s) => s.started >= down && s.started < back),
      recoveryMs,
    });
  }
  await filers;
  flowing = false;
  await Promise.all(clients);
  const final = await live.settle(filings, Math.max(deadline - Date.now(), 60_000));
  const outcomes = filingOutcomes(filings, final, await live.deliveries());

  const figures: Figures = { 'requests timed': samples.length };
  for (const o of outages) {
    figures[`${o.service}: down for (s)`] = (o.downMs / 1_000).toFixed(1);
    figures[`${o.service}: answers while down`] = formatCounts(
      countBy(o.during.map((s) => (s.hung ? 'hung' : s.status === 0 ? 'no answer' : String(s.status)))),
    );
    figures[`${o.service}: slowest answer while down (s)`] = (
      Math.max(0, ...o.during.map((s) => s.ended - s.started)) / 1_000
    ).toFixed(1);
    figures[`${o.service}: back to first 200 (s) context / dry run`] = (['context', 'dry_run'] as const)
      .map((k) => (o.recoveryMs[k] === null ? 'never' : (o.recoveryMs[k]! / 1_000).toFixed(2)))
      .join(' / ');
  }
  // every timed request, relative to the outages, for reading a slow recovery afterwards
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(
    join(OUT_DIR, `${plan.scenario}-samples.json`),
    JSON.stringify({ outages: outages.map(({ during: _, ...o }) => o), samples }, null, 1),
  );
  reportFigures(plan.scenario, {
    ...figures,
    'gateway deadline (s)': plan.deadlineMs / 1_000,
    'slowest answer overall (s)': (Math.max(...samples.map((s) => s.ended - s.started)) / 1_000).toFixed(1),
    '5xx answers not problem+json': samples.filter((s) => s.status >= 500 && !s.problemJson).length,
    ...outcomeFigures(filings, outcomes),
  });
  return { outages, samples, filings, outcomes };
}

/**
 * Starts a fresh request every 100 ms from `back` on, without waiting for the earlier ones (a
 * request sent during the outage may still be waiting out its deadline), until one is answered
 * 200; returns when that happened, in ms after `back` (null after a minute).
 */
async function firstSuccess(kind: Kind, call: () => Promise<Response>, back: number): Promise<number | null> {
  let answeredAt: number | null = null;
  const inFlight: Promise<void>[] = [];
  while (answeredAt === null && Date.now() - back < 60_000) {
    inFlight.push(
      timed(kind, call).then((sample) => {
        if (sample.status === 200 && answeredAt === null) answeredAt = sample.ended;
      }),
    );
    await pause(100);
  }
  await Promise.all(inFlight);
  return answeredAt === null ? null : answeredAt - back;
}

async function timed(kind: Kind, call: () => Promise<Response>): Promise<Sample> {
  const started = Date.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), HANG_MS);
  try {
    const response = await Promise.race([
      call(),
      new Promise<never>((_, reject) =>
        controller.signal.addEventListener('abort', () => reject(new Error('hung'))),
      ),
    ]);
    await response.arrayBuffer().catch(() => undefined);
    return {
      kind,
      started,
      ended: Date.now(),
      status: response.status,
      problemJson: /^application\/problem\+json/.test(response.headers.get('content-type') ?? ''),
      hung: false,
    };
  } catch (error) {
    const hung = (error as Error).message === 'hung';
    return { kind, started, ended: Date.now(), status: 0, problemJson: false, hung };
  } finally {
    clearTimeout(timer);
  }
}
