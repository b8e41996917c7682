import { expectEveryFilingSettledOnce } from '../support/faults/filing-outcomes';
import { runToken } from '@apier/testing';
import { LiveFilingWorld } from '../support/faults/live-filings';
import {
  type InfrastructureRestartResult,
  runInfrastructureRestarts,
} from '../support/faults/infrastructure-restarts-run';
import { PrivateInfrastructure } from '../support/faults/private-infrastructure';

jest.setTimeout(1_200_000);

const DEADLINE_MS = 5_000;
/** Time for the gateway to turn its deadline into an answer on a loaded two-core machine. */
const SLACK_MS = 5_000;

/**
 * NATS, then Redis, then Postgres (this run's own instances, never the machine's shared ones) are
 * stopped and started again while company context reads, dry runs and live filings flow. While a
 * service is down every request is answered — its normal answer or a 503/504 problem — within the
 * deadline; after the service returns the stack serves again within 5 s by itself; no accepted
 * filing is lost or filed twice.
 */
describe('fault suite: infrastructure restarts under load', () => {
  let infra: PrivateInfrastructure;
  let live: LiveFilingWorld;
  const saved = { ...process.env };

  beforeAll(async () => {
    infra = await PrivateInfrastructure.start(runToken());
    Object.assign(process.env, infra.urls);
    live = await LiveFilingWorld.start({ NATS_REQUEST_TIMEOUT_MS: String(DEADLINE_MS) });
  }, 240_000);
  afterAll(async () => {
    await live?.stop().catch(() => undefined);
    await infra?.stop();
    process.env = saved;
  });

  let result: InfrastructureRestartResult;

  it('answers within the deadline during each outage and serves again within 5 s after it', async () => {
    result = await runInfrastructureRestarts(live, infra, {
      scenario: 'infrastructure-restarts',
      services: ['nats', 'redis', 'postgres'],
      outageMs: 5_000,
      filings: 12,
      deadlineMs: DEADLINE_MS,
      budgetMs: 900_000,
    });
    expect(result.samples.filter((s) => s.hung)).toEqual([]);
    for (const outage of result.outages) {
      expect(outage.during.length).toBeGreaterThan(0);
      for (const sample of outage.during) {
        expect(sample.ended - sample.started).toBeLessThan(DEADLINE_MS + SLACK_MS);
        expect([200, 503, 504]).toContain(sample.status);
        if (sample.status !== 200) expect(sample.problemJson).toBe(true);
      }
      expect(outage.recoveryMs.context).not.toBeNull();
      expect(outage.recoveryMs.context!).toBeLessThanOrEqual(5_000);
      expect(outage.recoveryMs.dry_run).not.toBeNull();
      expect(outage.recoveryMs.dry_run!).toBeLessThanOrEqual(5_000);
    }
  });

  it('loses no accepted filing and files none twice', () => {
    const { outcomes, filings } = result;
    expectEveryFilingSettledOnce(outcomes, filings);
  });
});
