import {
  FilingPipelineWorld,
  eventually,
  validMeldingXml,
  type ActionRow,
} from './support/filing-pipeline-world';

/** govsim's reference company (FJORDLYS TESTDATA AS), VAT-registered with two-monthly terms. */
const ORG = '315678420';
const APP = '/skd/mva-melding-innsending-etm2';
const VALIDATE = '/skatteetaten/api/mva/grensesnittstoette/mva-melding/valider';
const FINAL = ['submitted', 'failed', 'dead_lettered', 'needs_confirmation'];
const MAX_ATTEMPTS = 4;
const TIMEOUT_MS = 1_500;

jest.setTimeout(90_000);

const ofType = (action: ActionRow, type: string) => action.events.filter((e) => e.type === type);

/**
 * Upstream trouble on the way to Altinn and Skatteetaten: 5xx, 429 with Retry-After, requests that
 * time out or lose their connection are retried with backoff until the return is submitted, once;
 * an upstream that keeps failing dead-letters the action with the cause.
 */
describe('the filing pipeline retries what is transient and dead-letters what does not pass', () => {
  let world: FilingPipelineWorld;

  async function submitWith(faults: object[], reference: string) {
    await world.faults(faults);
    const before = (await world.instances(ORG)).length;
    const id = await world.queueAction('a', ORG, validMeldingXml(ORG, reference));
    const action = await world.settled(id, FINAL);
    return { action, created: (await world.instances(ORG)).length - before };
  }

  beforeAll(async () => {
    world = await FilingPipelineWorld.start({
      FILING_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      FILING_UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS),
    });
    await world.onboard('a', ORG);
  }, 180_000);
  afterEach(async () => {
    await world.faults([]);
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('retries 503s from Altinn’s app and submits once', async () => {
    const reference = `503-${Date.now()}`;
    const { action, created } = await submitWith(
      [{ route_prefix: `${APP}/instances`, kind: 'status', status: 503, times: 2 }],
      reference,
    );
    expect(action).toMatchObject({ status: 'submitted', attempts: 3, lastError: null });
    const retries = ofType(action, 'action.retry_scheduled');
    expect(retries.map((e) => [e.step, (e.detail as { error: { code: string } }).error.code])).toEqual([
      ['create_instance', 'upstream_unavailable'],
      ['create_instance', 'upstream_unavailable'],
    ]);
    expect(created).toBe(1);
    expect(await world.submissions(reference)).toHaveLength(1);
  });

  it('waits out a 429’s Retry-After before asking Skatteetaten again', async () => {
    const reference = `429-${Date.now()}`;
    const { action } = await submitWith(
      [{ route_prefix: VALIDATE, kind: 'rate_limit', retry_after_s: 1, times: 1 }],
      reference,
    );
    expect(action).toMatchObject({ status: 'submitted', attempts: 2 });
    const [retry] = ofType(action, 'action.retry_scheduled');
    expect(retry).toMatchObject({ step: 'validate' });
    expect((retry!.detail as { retry_in_ms: number }).retry_in_ms).toBeGreaterThanOrEqual(1_000);
    const resumed = ofType(action, 'action.attempt_started')[1]!;
    expect(resumed.occurredAt.getTime() - retry!.occurredAt.getTime()).toBeGreaterThanOrEqual(950);
    expect((resumed.detail as { resume_from: string }).resume_from).toBe('upload_melding');
    expect(await world.submissions(reference)).toHaveLength(1);
  });

  it('retries a dropped connection', async () => {
    const reference = `drop-${Date.now()}`;
    const { action } = await submitWith([{ route_prefix: VALIDATE, kind: 'drop', times: 1 }], reference);
    expect(action).toMatchObject({ status: 'submitted', attempts: 2 });
    expect(ofType(action, 'action.retry_scheduled')[0]!.detail).toMatchObject({
      details: { reason: 'unreachable', upstream: 'skatteetaten' },
    });
    expect(await world.submissions(reference)).toHaveLength(1);
  });

  it('retries a request that times out; a lost answer leaves at most an empty orphan, never a second filing', async () => {
    const reference = `timeout-${Date.now()}`;
    // The answer to the create call is lost: the one window nothing can reconcile.
    const { action } = await submitWith(
      [{ route_prefix: `${APP}/instances`, kind: 'latency', latency_ms: TIMEOUT_MS + 1_000, times: 1 }],
      reference,
    );
    expect(action).toMatchObject({ status: 'submitted', attempts: 2 });
    expect(ofType(action, 'action.retry_scheduled')[0]!.detail).toMatchObject({
      details: { reason: 'timeout', upstream: 'altinn' },
    });
    expect(ofType(action, 'action.orphan_instance_possible')).toHaveLength(1);
    // whatever Altinn made of the lost request is an empty draft: not filled in, never delivered
    const orphans = (await world.instances(ORG)).filter(
      (i) => i.instance_id !== action.altinnInstanceId && i.delivered_at === null,
    );
    for (const orphan of orphans)
      expect(orphan.current_task).toMatchObject({ element_id: 'Task_1', type: 'data' });
    expect(await world.submissions(reference)).toEqual([
      expect.objectContaining({ instance_id: action.altinnInstanceId }),
    ]);
  });

  it('does not retry a 403 from Altinn’s app: the action fails with Altinn’s answer, nothing is filed', async () => {
    const reference = `403-${Date.now()}`;
    const { action, created } = await submitWith(
      [{ route_prefix: `${APP}/instances`, kind: 'status', status: 403, times: 1 }],
      reference,
    );
    expect(action).toMatchObject({
      status: 'failed',
      attempts: 1,
      altinnInstanceId: null,
      lastError: { code: 'altinn_rejected', retryable: false, step: 'create_instance' },
    });
    expect(ofType(action, 'action.retry_scheduled')).toHaveLength(0);
    expect(action.events.at(-1)!.detail).toMatchObject({ details: { upstream_status: 403 } });
    expect(created).toBe(0);
    expect(await world.submissions(reference)).toEqual([]);
  });

  it('dead-letters an action whose upstream keeps failing, with the cause in last_error and history', async () => {
    const reference = `500-${Date.now()}`;
    const { action } = await submitWith([{ route_prefix: VALIDATE, kind: 'status', status: 500 }], reference);
    expect(action).toMatchObject({
      status: 'dead_lettered',
      attempts: MAX_ATTEMPTS,
      lastError: { code: 'upstream_unavailable', retryable: true, step: 'validate' },
    });
    expect(action.completedAt).toBeInstanceOf(Date);
    expect(ofType(action, 'action.retry_scheduled')).toHaveLength(MAX_ATTEMPTS - 1);
    expect(action.events.at(-1)).toMatchObject({
      type: 'action.dead_lettered',
      status: 'dead_lettered',
      step: 'validate',
      detail: expect.objectContaining({ details: expect.objectContaining({ upstream_status: 500 }) }),
    });
    expect(await world.submissions(reference)).toEqual([]);
    await eventually(
      async () => world.eventsOf(action.id).map((e) => e.type),
      (types) => types.includes('action.dead_lettered'),
    );
    expect(world.eventsOf(action.id).map((e) => e.type)).toEqual(['action.queued', 'action.dead_lettered']);
  });
});
