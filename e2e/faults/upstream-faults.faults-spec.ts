import { expectEveryFilingSettledOnce } from '../support/faults/filing-outcomes';
import { LiveFilingWorld } from '../support/faults/live-filings';
import { runUpstreamFaults, UPSTREAM_FAULT_SETTINGS } from '../support/faults/upstream-faults-run';

jest.setTimeout(1_200_000);

/**
 * govsim fails 20 % of the requests on every upstream route — Maskinporten, Altinn's token
 * exchange, system users and register, the Altinn mva app, Skatteetaten, Brreg and NAV — with 503s,
 * 429s with Retry-After, requests held until the client gives up and dropped connections. Every
 * live filing ends submitted exactly once or dead-lettered with its cause; Maskinporten is asked
 * about once per cached token key; a delegation check either confirms now or refuses retryably.
 */
describe('fault suite: upstream faults at 20 % on every route', () => {
  let live: LiveFilingWorld;

  beforeAll(async () => {
    live = await LiveFilingWorld.start(UPSTREAM_FAULT_SETTINGS);
  }, 180_000);
  afterAll(async () => {
    await live?.stop();
  });

  it('files or dead-letters with a cause, never stampedes, never calls an unconfirmed delegation active', async () => {
    const result = await runUpstreamFaults(live, {
      scenario: 'upstream-faults',
      filings: 30,
      confirms: 40,
      probability: 0.2,
      budgetMs: 900_000,
    });
    const { outcomes } = result;
    expectEveryFilingSettledOnce(outcomes, result.filings);
    expect(result.grantsPerKey).toBeGreaterThan(0);
    expect(result.grantsPerKey).toBeLessThanOrEqual(2);
    expect(result.stampedes).toBe(0);
    expect(result.staleActive).toBe(0);
    expect(result.finalRefusals).toEqual([]);
    expect(result.confirmOutcomes['confirmed fresh']).toBeGreaterThan(0);
  });
});
