import { FilingPipelineWorld, validMeldingXml } from './support/filing-pipeline-world';

/** govsim's reference company (FJORDLYS TESTDATA AS), VAT-registered with two-monthly terms. */
const ORG = '315678420';
const FINAL = ['submitted', 'failed', 'dead_lettered', 'needs_confirmation'];

/**
 * Where the test-only crash hook kills the filing process (SIGKILL, no goodbye), and the step the
 * action had stored by then: `:unpersisted` is right after the step's upstream call, before its
 * result is stored; a bare step name is right after storing it.
 */
const CRASHES: [point: string, storedStep: string][] = [
  ['token', 'token'],
  ['create_instance:unpersisted', 'token'],
  ['create_instance', 'create_instance'],
  ['upload_envelope:unpersisted', 'create_instance'],
  ['upload_envelope', 'upload_envelope'],
  ['upload_melding:unpersisted', 'upload_envelope'],
  ['upload_melding', 'upload_melding'],
  ['validate:unpersisted', 'upload_melding'],
  ['complete_process:first_move', 'validate'],
  ['complete_process:unpersisted', 'validate'],
  ['complete_process', 'complete_process'],
  ['await_feedback:unpersisted', 'complete_process'],
  ['await_feedback', 'await_feedback'],
  ['receipt', 'done'],
];

jest.setTimeout(120_000);

/**
 * Invariant 6: a worker killed anywhere in the pipeline resumes where it stopped and never files
 * twice. Each case kills the real filing process at one point, starts it again, and counts what
 * Skatteetaten received.
 */
describe('the filing pipeline survives its worker being killed at every step', () => {
  let world: FilingPipelineWorld;
  const filing = () => world.world.stack.app('filing');

  beforeAll(async () => {
    world = await FilingPipelineWorld.start();
    await world.onboard('a', ORG);
  }, 180_000);
  afterAll(async () => {
    await world?.stop();
  });

  it.each(CRASHES)('killed at %s: resumes and files exactly once', async (point, storedStep) => {
    await filing().stop();
    await world.world.stack.restart('filing', { FILING_CRASH_AFTER_STEP: point });
    const before = (await world.instances(ORG)).map((i) => i.instance_id as string);
    const reference = `crash-${point.replace(':', '-')}-${Date.now()}`;
    const id = await world.queueAction('a', ORG, validMeldingXml(ORG, reference));

    await filing().waitForExit(60_000);
    const atCrash = (await world.action(id))!;
    expect(atCrash.step).toBe(storedStep);
    expect(atCrash.status).toBe(point === 'receipt' ? 'submitted' : 'running');

    await world.world.stack.restart('filing');
    const action = await world.settled(id, FINAL);
    expect(action).toMatchObject({ status: 'submitted', step: 'done', lastError: null });
    expect(action.attempts).toBe(point === 'receipt' ? 1 : 2);
    expect(action.receipt).not.toBeNull();
    expect(await world.prisma.receipt.count({ where: { actionId: id } })).toBe(1);
    expect(action.events.filter((e) => e.type === 'action.submitted')).toHaveLength(1);

    const delivered = await world.submissions(reference);
    expect(delivered).toEqual([expect.objectContaining({ instance_id: action.altinnInstanceId })]);

    const created = (await world.instances(ORG)).filter((i) => !before.includes(i.instance_id));
    if (point === 'create_instance:unpersisted') {
      // The one window nothing can reconcile: Altinn made an instance whose id was never stored.
      // It is said so in the history, and it stays an empty draft that nobody submits.
      expect(action.events.filter((e) => e.type === 'action.orphan_instance_possible')).toHaveLength(1);
      expect(created).toHaveLength(2);
      const orphan = created.find((i) => i.instance_id !== action.altinnInstanceId)!;
      expect(orphan).toMatchObject({
        current_task: { element_id: 'Task_1', type: 'data' },
        delivered_at: null,
      });
    } else {
      expect(created.map((i) => i.instance_id)).toEqual([action.altinnInstanceId]);
    }
    if (point === 'upload_melding:unpersisted') {
      expect(action.progress).toMatchObject({ upload_melding: { reconciled: true } });
    }
    if (point === 'complete_process:first_move' || point === 'complete_process:unpersisted') {
      expect(action.progress).toMatchObject({ complete_process: { reconciled: true } });
    }
  });
});
