import { osloToday } from '@apier/mva';
import { DelegationWorld, eventually, type Json, type Who } from './delegation-world';
import { readJson } from './read-json';

export const VAT_PACKAGE = 'urn:altinn:accesspackage:merverdiavgift';

/** Onboards `who` for `orgnr`: request, the company's human approves, the reconciler activates. */
export async function onboard(
  world: DelegationWorld,
  who: Who,
  orgnr: string,
  packages = [VAT_PACKAGE],
): Promise<Json> {
  const created = await world.request(who, orgnr, packages);
  const decided = await world.decideOnConfirmPage(created.confirm_url, 'approve');
  if (decided.status !== 200) throw new Error(`confirm page answered ${decided.status}`);
  const listed = await eventually(
    () => world.list(who, orgnr),
    (l: Json) => l.delegations.some((d: Json) => d.id === created.id && d.status === 'active'),
  );
  return listed.delegations.find((d: Json) => d.id === created.id);
}

/** govsim's Skatteetaten takes the same "today" as Apier (its world clock is fixed otherwise). */
export async function alignGovsimClock(world: DelegationWorld): Promise<void> {
  const response = await world.control('PUT', 'mva-validation/settings', { today: osloToday() });
  if (!response.ok) throw new Error(`govsim clock: ${response.status}`);
}

export async function dryRun(world: DelegationWorld, who: Who | string, body: Json): Promise<Response> {
  return world.api(who, '/api/v1/actions/execute?dry_run=true', body);
}

export const checkOf = (result: Json, check: string): Json =>
  result.checks.find((c: Json) => c.check === check);

export async function dryRunJson(world: DelegationWorld, who: Who, body: Json): Promise<Json> {
  const response = await dryRun(world, who, body);
  if (response.status !== 200)
    throw new Error(`dry run answered ${response.status}: ${await response.text()}`);
  return readJson(response);
}
