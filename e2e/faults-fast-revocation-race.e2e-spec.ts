import { reportFigures } from './support/faults/figures';
import { LiveFilingWorld } from './support/faults/live-filings';
import { revokeDuringPipeline } from './support/faults/revocation-race';

jest.setTimeout(180_000);

const ORG = '315678439';

/**
 * CI's slice of the fault suite's revocation race: the company revokes the System User while the
 * pipeline is under way (govsim holds every call to Altinn's app, so the pipeline is caught between
 * filling in the return and submitting it). Nothing is delivered, and the action ends with the cause.
 */
describe('fault suite (fast): a delegation revoked during the pipeline', () => {
  let live: LiveFilingWorld;

  beforeAll(async () => {
    live = await LiveFilingWorld.start({}, [ORG]);
  }, 180_000);
  afterAll(async () => {
    await live?.stop();
  });

  it('stops before submission: nothing delivered, the action failed with the cause', async () => {
    const race = await revokeDuringPipeline(live, ORG, 'upload_melding');
    reportFigures('fast-revocation-during-pipeline', {
      'revoked after step': race.revokedAfter!,
      'final status': race.action?.status ?? 'unsettled',
      cause: race.action ? `${race.action.lastError?.code}@${race.action.lastError?.step}` : 'none',
      'deliveries for the reference': race.delivered,
    });
    expect(['upload_melding', 'validate']).toContain(race.revokedAfter);
    expect(race.delivered).toBe(0);
    expect(['failed', 'dead_lettered']).toContain(race.action?.status);
    expect(race.action!.lastError).toMatchObject({ code: expect.any(String), step: expect.any(String) });
    expect(['upload_melding', 'validate', 'complete_process']).toContain(race.action!.lastError.step);
  });
});
