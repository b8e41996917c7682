import { countBy, type Figures, formatCounts } from './figures';
import type { FinalAction, LiveFiling } from './live-filings';

export interface FilingOutcomes {
  accepted: number;
  /** Final status of each accepted action (`unsettled` when it never became final). */
  byStatus: Record<string, number>;
  /** References Skatteetaten received more than once. */
  duplicates: string[];
  /** Accepted actions that are not submitted exactly once nor ended with a stated cause. */
  lost: string[];
  /** Filings whose live call was refused or never answered, yet something was delivered. */
  phantom: string[];
  /** Why the failed and dead-lettered ones ended, by error code. */
  causes: Record<string, number>;
  refusals: Record<string, number>;
  retries: number;
}

/**
 * The exactly-once verdict over a batch of live filings: each accepted action is submitted with
 * exactly one delivery in govsim's ledger, or ended failed/dead-lettered/needs_confirmation with a
 * cause; nothing is delivered twice, and nothing is delivered for a filing that was not accepted.
 */
export function filingOutcomes(
  filings: LiveFiling[],
  final: Map<string, FinalAction>,
  deliveries: Map<string, number>,
): FilingOutcomes {
  const accepted = filings.filter((f) => f.actionId);
  const lost = accepted.filter((f) => {
    const action = final.get(f.actionId!);
    const delivered = deliveries.get(f.reference) ?? 0;
    if (!action) return true;
    if (action.status === 'submitted') return delivered !== 1;
    if (action.status === 'needs_confirmation') return delivered > 1;
    return !action.lastError?.code;
  });
  const ended = accepted
    .map((f) => final.get(f.actionId!))
    .filter((a): a is FinalAction => !!a && ['failed', 'dead_lettered'].includes(a.status));
  return {
    accepted: accepted.length,
    byStatus: countBy(accepted.map((f) => final.get(f.actionId!)?.status ?? 'unsettled')),
    duplicates: filings.filter((f) => (deliveries.get(f.reference) ?? 0) > 1).map((f) => f.reference),
    lost: lost.map((f) => f.reference),
    phantom: filings
      .filter((f) => !f.actionId && (deliveries.get(f.reference) ?? 0) > 0)
      .map((f) => f.reference),
    causes: countBy(ended.map((a) => `${a.status}:${a.lastError.code}@${a.lastError.step}`)),
    refusals: countBy(filings.filter((f) => f.refusal).map((f) => f.refusal!)),
    retries: filings.reduce((sum, f) => sum + f.retries, 0),
  };
}

export function outcomeFigures(filings: LiveFiling[], outcomes: FilingOutcomes): Figures {
  return {
    'filings attempted': filings.length,
    'accepted (202)': outcomes.accepted,
    'final status': formatCounts(outcomes.byStatus),
    'failure causes': formatCounts(outcomes.causes),
    'live calls refused': formatCounts(outcomes.refusals),
    'client retries (same key)': outcomes.retries,
    'duplicates in ledger': outcomes.duplicates.length,
    'lost (accepted, not settled once)': outcomes.lost.length,
    'delivered without a 202': outcomes.phantom.length,
  };
}

/** The verdict every fault scenario asserts: all accepted, all settled, none doubled, lost or phantom. */
export function expectEveryFilingSettledOnce(outcomes: FilingOutcomes, filings: LiveFiling[]): void {
  expect(outcomes.accepted).toBe(filings.length);
  expect(outcomes.byStatus['unsettled'] ?? 0).toBe(0);
  expect(outcomes.duplicates).toEqual([]);
  expect(outcomes.lost).toEqual([]);
  expect(outcomes.phantom).toEqual([]);
}
