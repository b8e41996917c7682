import { sql } from '../filing-world';
import { formatCounts, reportFigures } from './figures';
import { type FilingOutcomes, filingOutcomes, outcomeFigures } from './filing-outcomes';
import { FILING_ORGS, type LiveFiling, LiveFilingWorld, pause, pool } from './live-filings';
import { SeededRandom } from './seeded-random';

export interface WorkerCrashPlan {
  scenario: string;
  filings: number;
  kills: number;
  seed: number;
  /** How long the whole run may take before unsettled actions count as lost. */
  budgetMs: number;
}

export interface WorkerCrashResult {
  filings: LiveFiling[];
  outcomes: FilingOutcomes;
  kills: { atMs: number; inFlight: Record<string, number> }[];
}

/**
 * Approves `filings` live filings through the gateway, sends them at bounded concurrency and,
 * while they run, SIGKILLs the filing process `kills` times at seeded random moments and starts it
 * again. The clients retry "try again" answers with the same Idempotency-Key. At the end every
 * action is settled through the API and checked against govsim's delivery ledger.
 */
export async function runWorkerCrash(
  live: LiveFilingWorld,
  plan: WorkerCrashPlan,
): Promise<WorkerCrashResult> {
  const random = new SeededRandom(plan.seed);
  const deadline = Date.now() + plan.budgetMs;
  const filings = Array.from({ length: plan.filings }, (_, i) =>
    live.newFiling(FILING_ORGS[i % FILING_ORGS.length]!),
  );
  await pool(filings, 4, (f) => live.approveFiling(f, deadline));

  const filing = live.world.stack.app('filing');
  const kills: WorkerCrashResult['kills'] = [];
  const started = Date.now();
  let sending = true;
  const killer = (async () => {
    const inFlightSteps = () =>
      sql(
        live.world,
        `SELECT step, count(*)::int AS n FROM actions WHERE status IN ('queued','running') GROUP BY step`,
      );
    // The first kill lands once work is in flight: on a quiet machine a small batch can be filed
    // before a fixed delay runs out, and then nothing would have been interrupted.
    while (sending && !(await inFlightSteps()).length && Date.now() < deadline) await pause(25);
    for (let k = 0; k < plan.kills; k++) {
      await pause(k === 0 ? random.between(0, 300) : random.between(400, 2_500));
      const inFlight = await inFlightSteps();
      // nothing left to interrupt: the run is over
      if (!inFlight.length && !sending) break;
      await filing.stop('SIGKILL');
      kills.push({
        atMs: Date.now() - started,
        inFlight: Object.fromEntries(inFlight.map((r) => [r.step as string, r.n as number])),
      });
      await pause(random.between(0, 1_000));
      await live.world.stack.restart('filing');
    }
  })();
  await pool(filings, 8, (f) => live.submitLive(f, deadline));
  sending = false;
  await killer;
  const sentMs = Date.now() - started;

  const final = await live.settle(filings, Math.max(deadline - Date.now(), 30_000));
  const outcomes = filingOutcomes(filings, final, await live.deliveries());
  const settledMs = Date.now() - started;
  reportFigures(plan.scenario, {
    seed: plan.seed,
    'SIGKILLs of the filing process': kills.length,
    'actions in flight at each kill': kills.map((k) => formatCounts(k.inFlight)).join(' | '),
    ...outcomeFigures(filings, outcomes),
    'live calls sent in (s)': (sentMs / 1_000).toFixed(1),
    'all settled after (s)': (settledMs / 1_000).toFixed(1),
  });
  return { filings, outcomes, kills };
}
