import type { Json } from '../delegation-world';
import { VAT_PACKAGE } from '../filing-world';
import { readJson } from '../read-json';
import { countBy, formatCounts, reportFigures } from './figures';
import { type FilingOutcomes, filingOutcomes, outcomeFigures } from './filing-outcomes';
import { FILING_ORGS, type LiveFiling, LiveFilingWorld, pool } from './live-filings';
import { upstreamFaultRules, UPSTREAM_ROUTES } from './upstream-fault-rules';

export interface UpstreamFaultPlan {
  scenario: string;
  filings: number;
  /** Binding delegation checks made straight over NATS while the faults are on. */
  confirms: number;
  probability: number;
  budgetMs: number;
}

export interface UpstreamFaultResult {
  filings: LiveFiling[];
  outcomes: FilingOutcomes;
  /** Cached-token Maskinporten grants ÷ the distinct keys they were for (1.00: no stampede). */
  grantsPerKey: number;
  /**
   * Grants for one key less than STAMPEDE_MS after the previous one: callers that did not share a
   * grant in flight. A grant asked again after a failed one comes a whole failed round later.
   */
  stampedes: number;
  /** Delegation checks answered `active` without a confirmation made during that check. */
  staleActive: number;
  /** Delegation checks refused with a code that does not say "try again". */
  finalRefusals: string[];
  confirmOutcomes: Record<string, number>;
}

const STAMPEDE_MS = 100;

/** Scopes of the binding check's own System User token: fresh on every check by design, never cached. */
const CONFIRM_SCOPES = 'altinn:instances.read';

/**
 * Live filings while govsim fails a share of the requests on every upstream route; meanwhile the
 * binding delegation check is asked again and again. Reports how the filings ended, how many
 * Maskinporten grants each cached token key took and what the checks answered.
 */
export async function runUpstreamFaults(
  live: LiveFilingWorld,
  plan: UpstreamFaultPlan,
): Promise<UpstreamFaultResult> {
  const { world } = live;
  const deadline = Date.now() + plan.budgetMs;
  // one lifetime covers the run, so every further grant for a key would be a stampede
  await world.control('PUT', 'maskinporten/token-lifetime', { seconds: 3_600 });
  const grantsBefore = (await readJson(await world.control('GET', 'maskinporten/grants'))).length;
  const faults = await world.control('PUT', 'faults', upstreamFaultRules(plan.probability));
  if (!faults.ok) throw new Error(`faults: ${faults.status} ${await faults.text()}`);

  const filings = Array.from({ length: plan.filings }, (_, i) =>
    live.newFiling(FILING_ORGS[i % FILING_ORGS.length]!),
  );
  const confirms: string[] = [];
  const started = Date.now();
  const checking = (async () => {
    for (let i = 0; i < plan.confirms; i++) {
      const asked = Date.now();
      const orgnr = FILING_ORGS[i % FILING_ORGS.length]!;
      const { reply, refusal } = await world.confirm('a', orgnr, [VAT_PACKAGE]);
      if (reply)
        confirms.push(
          reply.status === 'active' && Date.parse(reply.confirmed_at) >= asked - 1_000
            ? 'confirmed fresh'
            : `stale ${reply.status}`,
        );
      else confirms.push(`${refusal!.retryable ? 'retryable' : 'final'} ${refusal!.code}`);
    }
  })();
  await pool(filings, 4, async (f) => {
    await live.approveFiling(f, deadline);
    await live.submitLive(f, deadline);
  });
  const final = await live.settle(filings, Math.max(deadline - Date.now(), 30_000));
  await checking;
  const injected = (await readJson(await world.control('GET', 'faults'))) as Json[];
  await world.control('DELETE', 'faults');
  const outcomes = filingOutcomes(filings, final, await live.deliveries());

  const grants = ((await readJson(await world.control('GET', 'maskinporten/grants'))) as Json[])
    .slice(grantsBefore)
    .filter((g) => g.outcome === 'issued');
  const cached = grants.filter(
    (g) => !(g.systemUserOrg && [...g.scopes].sort().join(' ') === CONFIRM_SCOPES),
  );
  const keyOf = (g: Json) => `${g.systemUserOrg ?? 'vendor'}|${[...g.scopes].sort().join(' ')}`;
  const keys = new Set(cached.map(keyOf));
  const grantsPerKey = keys.size ? cached.length / keys.size : 0;
  const grantTimes = [...keys].map((k) =>
    cached
      .filter((g) => keyOf(g) === k)
      .map((g) => Date.parse(g.at))
      .sort((a, b) => a - b),
  );
  const stampedes = grantTimes
    .flatMap((times) => times.slice(1).map((t, i) => t - times[i]!))
    .filter((gap) => gap < STAMPEDE_MS).length;
  const confirmOutcomes = countBy(confirms);
  const injectedOn = (prefix: string) =>
    injected.filter((r) => r.route_prefix === prefix).reduce((n, r) => n + (r.injected as number), 0);
  const exchangeFaults = injectedOn(UPSTREAM_ROUTES['altinn token exchange']);

  reportFigures(plan.scenario, {
    'fault probability per upstream request': `${plan.probability * 100} % (503, 429 + Retry-After, held, dropped)`,
    'faults injected': Object.entries(UPSTREAM_ROUTES)
      .map(([name, prefix]) => `${name} ${injectedOn(prefix)}`)
      .join(', '),
    ...outcomeFigures(filings, outcomes),
    'run took (s)': ((Date.now() - started) / 1_000).toFixed(1),
    'Maskinporten grants for cached tokens': cached.length,
    'distinct cached-token keys': keys.size,
    'grants ÷ keys (1.00 = no stampede)': grantsPerKey.toFixed(2),
    'cached-token grants per key (s into the run)': [...keys]
      .map(
        (k) =>
          `${k.split('|')[0]}: ${cached
            .filter((g) => keyOf(g) === k)
            .map((g) => ((Date.parse(g.at) - started) / 1_000).toFixed(1))
            .join(' ')}`,
      )
      .join('; '),
    [`grants for one key < ${STAMPEDE_MS} ms apart`]: stampedes,
    'faulted token exchanges (each may cost a grant)': exchangeFaults,
    'fresh binding-check grants (one per check, by design)': grants.length - cached.length,
    'delegation checks during faults': formatCounts(confirmOutcomes),
  });
  return {
    filings,
    outcomes,
    grantsPerKey,
    stampedes,
    staleActive: confirms.filter((c) => c.startsWith('stale')).length,
    finalRefusals: confirms.filter((c) => c.startsWith('final')),
    confirmOutcomes,
  };
}

/**
 * The stack settings both upstream-fault runs use: every binding check asks Altinn too (so its
 * faults reach the check), calls give up after 2 s, and since every attempt confirms the delegation
 * again, a filing has room to retry at 20 % faults.
 */
export const UPSTREAM_FAULT_SETTINGS = {
  DELEGATION_FRESHNESS_SECONDS: '0',
  FILING_UPSTREAM_TIMEOUT_MS: '2000',
  FILING_MAX_ATTEMPTS: '10',
};
