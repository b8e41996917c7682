import { expectEveryFilingSettledOnce } from '../support/faults/filing-outcomes';
import { LiveFilingWorld } from '../support/faults/live-filings';
import { faultSeed } from '../support/faults/seeded-random';
import { runWorkerCrash } from '../support/faults/worker-crash-run';

const FILINGS = Number(process.env['FAULT_FILINGS'] ?? 100);

jest.setTimeout(1_200_000);

/**
 * Invariant 6 under fire: a hundred live filings through the approval gate while the filing
 * process is SIGKILLed six times at seeded random moments (wherever its pipelines happen to be)
 * and started again. Every accepted filing is submitted exactly once or dead-lettered with a
 * cause: 0 duplicates in govsim's ledger, 0 lost.
 */
describe('fault suite: the filing worker killed at random during 100 live filings', () => {
  let live: LiveFilingWorld;

  beforeAll(async () => {
    live = await LiveFilingWorld.start({});
  }, 180_000);
  afterAll(async () => {
    await live?.stop();
  });

  it('submits each accepted filing exactly once or dead-letters it with a cause', async () => {
    const { filings, outcomes, kills } = await runWorkerCrash(live, {
      scenario: 'worker-crash',
      filings: FILINGS,
      kills: 6,
      seed: faultSeed(1_000_003),
      budgetMs: 900_000,
    });
    expect(kills.length).toBeGreaterThanOrEqual(3);
    expectEveryFilingSettledOnce(outcomes, filings);
    expect((outcomes.byStatus['submitted'] ?? 0) + (outcomes.byStatus['dead_lettered'] ?? 0)).toBe(
      filings.length,
    );
  });
});
