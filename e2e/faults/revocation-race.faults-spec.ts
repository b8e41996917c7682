import type { PipelineStep } from '@apier/contracts';
import { reportFigures } from '../support/faults/figures';
import { LiveFilingWorld } from '../support/faults/live-filings';
import {
  grantAgain,
  type RaceOutcome,
  revokeBeforeLive,
  revokeDuringPipeline,
} from '../support/faults/revocation-race';

jest.setTimeout(600_000);

const ORG = '315678420';
/** Where the company revokes: after the pipeline stored each of these steps (every call to Altinn held). */
const DURING: PipelineStep[] = ['token', 'create_instance', 'upload_envelope', 'upload_melding', 'validate'];

/**
 * The company revokes Apier's System User at the worst moments: between the approved dry run and
 * the live call (refused: 403 delegation_revoked, nothing filed), and at each point of the pipeline
 * before submission (nothing delivered; the action fails with the cause).
 */
describe('fault suite: revocation races', () => {
  let live: LiveFilingWorld;
  const races: [string, RaceOutcome][] = [];

  beforeAll(async () => {
    live = await LiveFilingWorld.start({}, [ORG]);
  }, 180_000);
  afterAll(async () => {
    reportFigures(
      'revocation-race',
      Object.fromEntries(
        races.map(([name, r]) => [
          name,
          `${r.answer}${r.action ? ` → ${r.action.status} (${r.action.lastError?.code}@${r.action.lastError?.step})` : ''}, delivered ${r.delivered}`,
        ]),
      ),
    );
    await live?.stop();
  });

  it('refuses the live call after a revocation between dry run and live, filing nothing', async () => {
    const race = await revokeBeforeLive(live, ORG);
    races.push(['revoked between dry run and live', race]);
    expect(race.answer).toBe('403 delegation_revoked');
    expect(race.filing.actionId).toBeUndefined();
    expect(race.delivered).toBe(0);
  });

  it.each(DURING)('stops before submission when revoked after %s', async (step) => {
    await grantAgain(live, ORG);
    const race = await revokeDuringPipeline(live, ORG, step);
    races.push([`revoked after ${step}`, race]);
    expect(race.delivered).toBe(0);
    expect(['failed', 'dead_lettered']).toContain(race.action?.status);
    expect(race.action!.lastError).toMatchObject({ code: expect.any(String), step: expect.any(String) });
  });
});
