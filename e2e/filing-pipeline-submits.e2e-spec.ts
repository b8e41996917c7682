import { PIPELINE_STEPS } from '@apier/contracts';
import {
  eventually,
  FilingPipelineWorld,
  invalidMeldingXml,
  signedReceiptOf,
  TAX,
  validMeldingXml,
} from './support/filing-pipeline-world';

/** govsim's reference company (FJORDLYS TESTDATA AS), VAT-registered with two-monthly terms. */
const ORG = '315678420';
/** REVISJON TESTDATA AS: account a delegates only the tax package for it, not VAT. */
const TAX_ONLY_ORG = '315678439';
const FINAL = ['submitted', 'failed', 'dead_lettered', 'needs_confirmation'];

jest.setTimeout(90_000);

/**
 * A queued action goes through the whole pipeline against the real stack: the auth-broker's
 * System User token, govsim's Altinn app and Skatteetaten's validation, a signed receipt, and
 * exactly one return delivered.
 */
describe('the filing pipeline submits a queued return', () => {
  let world: FilingPipelineWorld;

  beforeAll(async () => {
    world = await FilingPipelineWorld.start();
    await world.onboard('a', ORG);
    await world.onboard('b', ORG);
    await world.onboard('a', TAX_ONLY_ORG, [TAX]);
  }, 180_000);
  afterEach(async () => {
    await world.appSettings({ needs_confirmation: { all: false, orgnrs: [] } });
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('takes a queued action to submitted, step by step, with a receipt and one delivery', async () => {
    const reference = `happy-${Date.now()}`;
    const id = await world.queueAction('a', ORG, validMeldingXml(ORG, reference));
    const action = await world.settled(id, FINAL);

    expect(action).toMatchObject({ status: 'submitted', step: 'done', lastError: null });
    // A run the loaded machine starves past its lock is taken over by a second attempt; exactly-once
    // delivery below is what must hold either way.
    expect(action.attempts).toBeGreaterThanOrEqual(1);
    expect(action.completedAt).toBeInstanceOf(Date);
    expect(action.altinnInstanceId).toMatch(/^\d+\/[0-9a-f-]{36}$/);
    expect(action.feedbackReference).toBe(action.altinnInstanceId);

    // every step stored its result before the next, in the contract's order
    const steps = action.events.filter((e) => e.type === 'action.step_completed').map((e) => e.step);
    expect(steps).toEqual(PIPELINE_STEPS.filter((s) => !['accepted', 'receipt', 'done'].includes(s)));
    expect(action.events.map((e) => e.type)).toEqual([
      'action.queued',
      'action.attempt_started',
      ...steps.map(() => 'action.step_completed'),
      'action.submitted',
    ]);
    const progress = action.progress as Record<string, Record<string, unknown>>;
    expect(progress['create_instance']).toMatchObject({ instance_id: action.altinnInstanceId });
    expect(progress['validate']).toMatchObject({
      status: expect.stringMatching(/^(GYLDIG|AVVIKENDE)_SKATTEMELDING$/),
    });
    expect(progress['await_feedback']).toMatchObject({ kid: expect.stringMatching(/^\d+$/), beloep: '2500' });

    // the receipt is signed over what was filed, and verifies
    const receipt = signedReceiptOf(action);
    expect(receipt.envelope).toMatchObject({
      action_id: id,
      account_id: world.world.accounts.a.id,
      orgnr: ORG,
      altinn_instance_id: action.altinnInstanceId,
      feedback_reference: action.feedbackReference,
      payload_hash: action.payloadHash,
      status: 'submitted',
    });
    expect(await world.verify(receipt)).toMatchObject({ valid: true });

    // Skatteetaten received exactly this return, once
    const delivered = await world.submissions(reference);
    expect(delivered).toEqual([
      expect.objectContaining({ instance_id: action.altinnInstanceId, orgnr: ORG }),
    ]);

    // the outbox put action.queued and action.submitted on JetStream
    await eventually(
      async () => world.eventsOf(id).map((e) => e.type),
      (types) => types.includes('action.submitted'),
    );
    expect(world.eventsOf(id).map((e) => e.type)).toEqual(['action.queued', 'action.submitted']);
    expect(world.eventsOf(id)[1]).toMatchObject({
      account_id: world.world.accounts.a.id,
      action: { id, orgnr: ORG, status: 'submitted', altinn_instance_id: action.altinnInstanceId },
    });
    expect(await world.prisma.actionEvent.count({ where: { actionId: id, publishedAt: null } })).toBe(0);

    // no token is ever stored with the action
    expect(JSON.stringify(action)).not.toMatch(/eyJ[\w-]+\.eyJ/);
  });

  it('ends needs_confirmation, with where to sign, when Altinn waits for a person — never submitted', async () => {
    await world.appSettings({ needs_confirmation: { orgnrs: [ORG] } });
    const reference = `person-${Date.now()}`;
    const id = await world.queueAction('a', ORG, validMeldingXml(ORG, reference));
    const action = await world.settled(id, FINAL);
    expect(action).toMatchObject({
      status: 'needs_confirmation',
      step: 'validate',
      completedAt: null,
      receipt: null,
    });
    expect(action.confirmUrl).toBe(
      `${world.world.stack.govsimUrl}/ui/messagebox?instanceId=${encodeURIComponent(action.altinnInstanceId!)}`,
    );
    expect(action.events.at(-1)).toMatchObject({
      type: 'action.needs_confirmation',
      status: 'needs_confirmation',
    });
    expect(await world.submissions(reference)).toEqual([]);
    const [instance] = (await world.instances(ORG)).filter(
      (i: { instance_id: string }) => i.instance_id === action.altinnInstanceId,
    );
    expect(instance.current_task).toEqual({ element_id: 'Task_2', type: 'signing' });
    await eventually(
      async () => world.eventsOf(id).map((e) => e.type),
      (types) => types.includes('action.needs_confirmation'),
    );
  });

  it('fails a return Skatteetaten’s validation rejects, with the violations, and submits nothing', async () => {
    const reference = `invalid-${Date.now()}`;
    const id = await world.queueAction('a', ORG, invalidMeldingXml(ORG, reference));
    const action = await world.settled(id, FINAL);
    expect(action).toMatchObject({
      status: 'failed',
      step: 'upload_melding',
      lastError: { code: 'mva_melding_rejected', retryable: false, step: 'validate' },
    });
    const failed = action.events.at(-1)!;
    expect(failed).toMatchObject({ type: 'action.failed', status: 'failed', step: 'validate' });
    expect((failed.detail as { violations: { rule: string }[] }).violations).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: expect.stringMatching(/^R\d{3}$/) })]),
    );
    expect(await world.submissions(reference)).toEqual([]);
    await eventually(
      async () => world.eventsOf(id).map((e) => e.type),
      (types) => types.includes('action.failed'),
    );
  });

  it('fails closed when the delegation lacks the VAT package: nothing reaches Altinn', async () => {
    const before = (await world.instances(TAX_ONLY_ORG)).length;
    const id = await world.queueAction(
      'a',
      TAX_ONLY_ORG,
      validMeldingXml(TAX_ONLY_ORG, `tax-only-${Date.now()}`),
    );
    const action = await world.settled(id, FINAL);
    expect(action).toMatchObject({
      status: 'failed',
      step: 'accepted',
      altinnInstanceId: null,
      lastError: { code: 'delegation_packages_missing', retryable: false, step: 'token' },
    });
    expect(await world.instances(TAX_ONLY_ORG)).toHaveLength(before);
  });

  it('fails closed when the company revoked the delegation before the pipeline ran', async () => {
    const systemUser = await world.world.systemUserOf('b', ORG);
    expect((await world.world.control('DELETE', `altinn/system-users/${systemUser.id}`)).status).toBe(204);
    const reference = `revoked-${Date.now()}`;
    const id = await world.queueAction('b', ORG, validMeldingXml(ORG, reference));
    const action = await world.settled(id, FINAL);
    expect(action).toMatchObject({
      status: 'failed',
      altinnInstanceId: null,
      lastError: { code: 'delegation_revoked', retryable: false, step: 'token' },
    });
    expect(await world.submissions(reference)).toEqual([]);
    const delegations = await world.world.list('b', ORG);
    expect(delegations.delegations[0]).toMatchObject({ status: 'revoked' });
  });
});
