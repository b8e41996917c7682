import { expectEveryFilingSettledOnce } from './support/faults/filing-outcomes';
import { LiveFilingWorld } from './support/faults/live-filings';
import { runUpstreamFaults, UPSTREAM_FAULT_SETTINGS } from './support/faults/upstream-faults-run';

jest.setTimeout(300_000);

/**
 * CI's slice of the fault suite's upstream scenario: a few live filings while govsim fails 20 % of
 * the requests on every upstream route (503, 429 with Retry-After, held until the client gives up,
 * dropped). Each filing ends submitted exactly once or with its cause, Maskinporten is asked once
 * per cached token key, and a delegation check never says "active" without confirming it now.
 */
describe('fault suite (fast): upstream faults at 20 % on every route', () => {
  let live: LiveFilingWorld;

  beforeAll(async () => {
    live = await LiveFilingWorld.start(UPSTREAM_FAULT_SETTINGS);
  }, 180_000);
  afterAll(async () => {
    await live?.stop();
  });

  it('ends every filing submitted once or with a cause; no stampede; no unconfirmed "active"', async () => {
    const result = await runUpstreamFaults(live, {
      scenario: 'fast-upstream-faults',
      filings: 6,
      confirms: 12,
      probability: 0.2,
      budgetMs: 200_000,
    });
    const { outcomes } = result;
    expectEveryFilingSettledOnce(outcomes, result.filings);
    expect(result.grantsPerKey).toBeGreaterThan(0);
    // concurrent callers share one grant in flight: a key is asked for again only after a failure
    expect(result.stampedes).toBe(0);
    expect(result.staleActive).toBe(0);
    expect(result.finalRefusals).toEqual([]);
    expect(result.confirmOutcomes['confirmed fresh']).toBeGreaterThan(0);
  });
});
