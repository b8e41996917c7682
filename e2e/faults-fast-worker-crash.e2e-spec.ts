import { expectEveryFilingSettledOnce } from './support/faults/filing-outcomes';
import { LiveFilingWorld } from './support/faults/live-filings';
import { faultSeed } from './support/faults/seeded-random';
import { runWorkerCrash } from './support/faults/worker-crash-run';

jest.setTimeout(240_000);

/**
 * CI's slice of the fault suite's worker-crash scenario: a dozen live filings through the approval
 * gate while the filing process is SIGKILLed twice at seeded moments and started again. Each
 * accepted filing is submitted exactly once or ends with its cause; nothing is delivered twice.
 */
describe('fault suite (fast): the filing worker killed during live filings', () => {
  let live: LiveFilingWorld;

  beforeAll(async () => {
    live = await LiveFilingWorld.start({});
  }, 180_000);
  afterAll(async () => {
    await live?.stop();
  });

  it('files each accepted return exactly once across two SIGKILLs', async () => {
    const { filings, outcomes, kills } = await runWorkerCrash(live, {
      scenario: 'fast-worker-crash',
      filings: 12,
      kills: 2,
      seed: faultSeed(7_001),
      budgetMs: 180_000,
    });
    expect(kills.length).toBeGreaterThanOrEqual(1);
    expectEveryFilingSettledOnce(outcomes, filings);
    // a crash costs time, not the return: nothing here gives a reason to fail
    expect(outcomes.byStatus['submitted']).toBe(filings.length);
  });
});
