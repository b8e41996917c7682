import { PIPELINE_STEPS, type PipelineStep } from '@apier/contracts';
import { type Json } from '../delegation-world';
import { onboard } from '../filing-world';
import { readJson } from '../read-json';
import { type FinalAction, type LiveFiling, LiveFilingWorld, pause } from './live-filings';

const APP_INSTANCES = '/skd/mva-melding-innsending-etm2/instances';

export interface RaceOutcome {
  filing: LiveFiling;
  /** The live call's answer: 202, or the refusal's status and code. */
  answer: string;
  /** The step the action had stored when the company revoked (during-pipeline races). */
  revokedAfter?: string;
  action?: FinalAction;
  delivered: number;
}

/** The company's administrator deletes the account's System User in Altinn. */
export async function revokeSystemUser(live: LiveFilingWorld, orgnr: string): Promise<void> {
  const user = await live.world.systemUserOf('a', orgnr);
  if (!user) throw new Error(`no live System User for ${orgnr}`);
  const response = await live.world.control('DELETE', `altinn/system-users/${user.id}`);
  if (response.status !== 204) throw new Error(`revoking answered ${response.status}`);
}

/** The company grants Apier authority again, so the next race starts from an active delegation. */
export async function grantAgain(live: LiveFilingWorld, orgnr: string): Promise<void> {
  await onboard(live.world, 'a', orgnr);
}

/** Approved (dry run + approval), then revoked, then the live call. */
export async function revokeBeforeLive(live: LiveFilingWorld, orgnr: string): Promise<RaceOutcome> {
  const filing = live.newFiling(orgnr);
  const deadline = Date.now() + 60_000;
  await live.approveFiling(filing, deadline);
  await revokeSystemUser(live, orgnr);
  await live.submitLive(filing, deadline);
  return {
    filing,
    answer: filing.actionId ? '202' : filing.refusal!,
    delivered: (await live.deliveries()).get(filing.reference) ?? 0,
  };
}

/**
 * Every call to Altinn's app is held for `holdMs`, so the pipeline crawls; once the action has
 * stored `revokeAfter` the company revokes the System User, and the held call goes on to Altinn.
 */
export async function revokeDuringPipeline(
  live: LiveFilingWorld,
  orgnr: string,
  revokeAfter: PipelineStep,
  holdMs = 1_500,
): Promise<RaceOutcome> {
  const filing = live.newFiling(orgnr);
  const deadline = Date.now() + 90_000;
  await live.approveFiling(filing, deadline);
  await setFaults(live, [{ route_prefix: APP_INSTANCES, kind: 'latency', latency_ms: holdMs }]);
  try {
    await live.submitLive(filing, deadline);
    if (!filing.actionId) throw new Error(`live call refused: ${filing.refusal}`);
    const reached = await stepReached(live, filing.actionId, revokeAfter, deadline);
    await revokeSystemUser(live, orgnr);
    const final = await live.settle([filing], 60_000);
    return {
      filing,
      answer: '202',
      revokedAfter: reached,
      ...(final.get(filing.actionId) ? { action: final.get(filing.actionId)! } : {}),
      delivered: (await live.deliveries()).get(filing.reference) ?? 0,
    };
  } finally {
    await setFaults(live, []);
  }
}

async function stepReached(
  live: LiveFilingWorld,
  actionId: string,
  target: PipelineStep,
  deadline: number,
): Promise<string> {
  for (;;) {
    const view: Json = await readJson(await live.world.api('a', `/api/v1/actions/${actionId}`));
    if (PIPELINE_STEPS.indexOf(view.step) >= PIPELINE_STEPS.indexOf(target)) return view.step;
    if (!['queued', 'running'].includes(view.status) || Date.now() > deadline)
      throw new Error(
        `action is ${view.status} at ${view.step} before reaching ${target}: ${JSON.stringify(view.error)}`,
      );
    await pause(50);
  }
}

async function setFaults(live: LiveFilingWorld, rules: Json[]): Promise<void> {
  const response = await live.world.control('PUT', 'faults', rules);
  if (!response.ok) throw new Error(`faults: ${response.status}`);
}
