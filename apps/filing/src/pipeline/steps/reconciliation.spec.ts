import { ApierError } from '@apier/contracts';
import { type AppInstance, processPhase } from '../altinn-app.client';
import type { PipelineAction } from '../pipeline-action.repository';
import type { PipelineProgress } from '../pipeline-progress';
import { awaitFeedbackStep } from './await-feedback.step';
import { completeProcessStep } from './complete-process.step';
import { createInstanceStep } from './create-instance.step';
import type { AltinnApp, StepContext } from './step-context';
import { uploadMeldingStep } from './upload-melding.step';

const INSTANCE = '531567842/0f7c2a8e-5c1b-4d9e-9a57-6a1f2b3c4d5e';
const KONVOLUTT = 'no.skatteetaten.fastsetting.avgift.mva.mvameldinginnsending.v1.0';
const TASK = {
  fill: { elementId: 'Task_1', altinnTaskType: 'data' },
  confirm: { elementId: 'Task_2', altinnTaskType: 'confirmation' },
  sign: { elementId: 'Task_2', altinnTaskType: 'signing' },
  feedback: { elementId: 'Task_3', altinnTaskType: 'feedback' },
};

/**
 * Altinn's app as a small state machine in memory, recording every call, so each reconciliation
 * decision can be checked against what Altinn has when a run resumes.
 */
class RecordingApp implements AltinnApp {
  calls: string[] = [];
  task: (typeof TASK)[keyof typeof TASK] | null = TASK.fill;
  needsPerson = false;
  data = [{ id: 'k-1', dataType: KONVOLUTT }];
  feedbackAfterPolls = 0;

  private view(): AppInstance {
    return {
      id: INSTANCE,
      instanceOwner: { partyId: '531567842' },
      process: { currentTask: this.task, ended: null },
      data: this.data,
      dataValues: this.task === TASK.sign ? { altinnInboxUrl: 'http://altinn.test/ui/messagebox?x=1' } : null,
    };
  }
  async createInstance() {
    this.calls.push('POST instances');
    return this.view();
  }
  async getInstance() {
    this.calls.push('GET instance');
    return this.view();
  }
  async putKonvolutt() {
    this.calls.push('PUT konvolutt');
  }
  async postMelding() {
    this.calls.push('POST melding');
    this.data.push({ id: 'm-1', dataType: 'mvamelding' });
    return 'm-1';
  }
  async processNext() {
    this.calls.push('PUT process/next');
    if (this.task === TASK.fill) this.task = this.needsPerson ? TASK.sign : TASK.confirm;
    else if (this.task === TASK.confirm) this.task = TASK.feedback;
    return { currentTask: this.task, ended: null };
  }
  async feedbackProvided() {
    this.calls.push('GET feedback/status');
    return this.feedbackAfterPolls-- <= 0;
  }
  async downloadData() {
    this.calls.push('GET data');
    return '';
  }
}

function context(app: RecordingApp, progress: PipelineProgress = {}) {
  const notes: { type: string; detail: Record<string, unknown> }[] = [];
  const saved: PipelineProgress[] = [];
  let clock = Date.parse('2026-11-25T12:00:00Z');
  const action = {
    id: 'a-1',
    orgnr: '315678420',
    payload: '<mvaMeldingDto/>',
    progress: {
      create_instance: {
        instance_id: INSTANCE,
        party_id: '531567842',
        konvolutt_data_id: 'k-1',
        created_at: new Date(clock).toISOString(),
      },
      ...progress,
    },
  } as PipelineAction;
  const ctx: StepContext = {
    action,
    attempt: 2,
    token: {
      refresh: async () => ({ access_token: 't', expires_at: '', system_user_id: 's' }),
      bearer: async () => 't',
    },
    app,
    validation: { validate: async () => ({ status: 'GYLDIG_SKATTEMELDING', violations: [] }) },
    feedback: { pollMs: 1_000, timeoutMs: 10_000 },
    saveProgress: async (patch) => {
      app.calls.push('save progress');
      saved.push(patch);
    },
    note: async (type, detail) => void notes.push({ type, detail }),
    checkpoint: () => undefined,
    sleep: async (ms) => void (clock += ms),
    now: () => new Date(clock),
  };
  return { ctx, notes, saved };
}

describe('where a run resumes: decisions on Altinn’s state', () => {
  it('reads the process phase of an instance', () => {
    const base = { id: INSTANCE, instanceOwner: { partyId: '1' }, data: [] };
    expect(processPhase({ ...base, process: { currentTask: TASK.fill } })).toBe('filling');
    expect(processPhase({ ...base, process: { currentTask: TASK.confirm } })).toBe('confirming');
    expect(processPhase({ ...base, process: { currentTask: TASK.sign } })).toBe('awaiting_person');
    expect(processPhase({ ...base, process: { currentTask: TASK.feedback } })).toBe('delivered');
    expect(processPhase({ ...base, process: { currentTask: null, ended: '2026-11-25T12:00:00Z' } })).toBe(
      'delivered',
    );
  });

  describe('complete_process never moves the process twice', () => {
    it('moves a fresh instance twice: out of fill-in, then out of confirmation', async () => {
      const app = new RecordingApp();
      const result = await completeProcessStep(context(app).ctx);
      expect(result).toMatchObject({
        kind: 'done',
        progress: { complete_process: { moves: 2, reconciled: false } },
      });
      expect(app.calls.filter((c) => c === 'PUT process/next')).toHaveLength(2);
    });

    it('confirms the delegation again right before submitting; a revocation since then moves nothing', async () => {
      const app = new RecordingApp();
      const { ctx } = context(app);
      let confirmations = 0;
      const revoked = new ApierError('delegation_revoked', 'The organisation revoked the delegation');
      const refusing: StepContext = {
        ...ctx,
        token: {
          refresh: async () => {
            confirmations += 1;
            throw revoked;
          },
          bearer: async () => 't',
        },
      };
      await expect(completeProcessStep(refusing)).rejects.toBe(revoked);
      expect(confirmations).toBe(1);
      expect(app.calls).not.toContain('PUT process/next');
    });

    it('moves once when a killed run already left fill-in', async () => {
      const app = new RecordingApp();
      app.task = TASK.confirm;
      const result = await completeProcessStep(context(app).ctx);
      expect(result).toMatchObject({
        kind: 'done',
        progress: { complete_process: { moves: 1, reconciled: true } },
      });
      expect(app.calls.filter((c) => c === 'PUT process/next')).toHaveLength(1);
    });

    it('does not move at all when the return was already delivered', async () => {
      const app = new RecordingApp();
      app.task = TASK.feedback;
      const result = await completeProcessStep(context(app).ctx);
      expect(result).toMatchObject({
        kind: 'done',
        progress: { complete_process: { moves: 0, reconciled: true } },
      });
      expect(app.calls).toEqual(['GET instance']);
    });

    it('stops at a signing task: needs confirmation, with where the person signs', async () => {
      const app = new RecordingApp();
      app.needsPerson = true;
      const result = await completeProcessStep(context(app).ctx);
      expect(result).toMatchObject({
        kind: 'stop',
        status: 'needs_confirmation',
        confirmUrl: 'http://altinn.test/ui/messagebox?x=1',
      });
      expect(app.calls.filter((c) => c === 'PUT process/next')).toHaveLength(1);
      // resumed while still waiting: no move at all
      app.calls = [];
      expect(await completeProcessStep(context(app).ctx)).toMatchObject({ status: 'needs_confirmation' });
      expect(app.calls).toEqual(['GET instance']);
    });

    it('refuses to go on when the process does not reach delivery in two moves', async () => {
      const app = new RecordingApp();
      app.processNext = async () => {
        app.calls.push('PUT process/next');
        return { currentTask: app.task, ended: null };
      };
      await expect(completeProcessStep(context(app).ctx)).rejects.toMatchObject({
        code: 'upstream_bad_response',
        retryable: false,
      });
    });
  });

  describe('upload_melding never adds the melding twice', () => {
    it('uploads when the instance has no melding', async () => {
      const app = new RecordingApp();
      expect(await uploadMeldingStep(context(app).ctx)).toMatchObject({
        kind: 'done',
        progress: { upload_melding: { data_id: 'm-1', reconciled: false } },
      });
      expect(app.calls).toEqual(['GET instance', 'POST melding']);
    });

    it('takes the melding a killed run uploaded as done', async () => {
      const app = new RecordingApp();
      app.data.push({ id: 'm-0', dataType: 'mvamelding' });
      expect(await uploadMeldingStep(context(app).ctx)).toMatchObject({
        progress: { upload_melding: { data_id: 'm-0', reconciled: true } },
      });
      expect(app.calls).toEqual(['GET instance']);
    });
  });

  describe('create_instance and the one window that cannot be reconciled', () => {
    it('stores the intent before asking Altinn for an instance', async () => {
      const app = new RecordingApp();
      const { ctx, notes, saved } = context(app, {});
      delete ctx.action.progress.create_instance;
      const result = await createInstanceStep(ctx);
      expect(app.calls).toEqual(['save progress', 'POST instances']);
      expect(saved[0]!.create_instance_intents).toEqual([{ at: expect.any(String), attempt: 2 }]);
      expect(notes).toEqual([]);
      expect(result).toMatchObject({
        kind: 'done',
        columns: { altinnInstanceId: INSTANCE },
        progress: {
          create_instance: { instance_id: INSTANCE, party_id: '531567842', konvolutt_data_id: 'k-1' },
        },
      });
    });

    it('says in the history that an orphan may exist when an earlier intent has no instance', async () => {
      const app = new RecordingApp();
      const earlier = { at: '2026-11-25T11:59:00.000Z', attempt: 1 };
      const { ctx, notes, saved } = context(app, { create_instance_intents: [earlier] });
      delete ctx.action.progress.create_instance;
      await createInstanceStep(ctx);
      expect(notes).toEqual([
        {
          type: 'action.orphan_instance_possible',
          detail: expect.objectContaining({ earlier_attempts: [earlier] }),
        },
      ]);
      expect(saved[0]!.create_instance_intents).toHaveLength(2);
    });

    it('refuses an instance without the envelope element', async () => {
      const app = new RecordingApp();
      app.data = [];
      const { ctx } = context(app);
      await expect(createInstanceStep(ctx)).rejects.toBeInstanceOf(ApierError);
    });
  });

  describe('await_feedback keeps the deadline of the delivery', () => {
    const delivered = (at: string): PipelineProgress => ({
      complete_process: { delivered_at: at, moves: 2, reconciled: false },
    });

    it('polls until the feedback is there', async () => {
      const app = new RecordingApp();
      app.feedbackAfterPolls = 3;
      const { ctx } = context(app, delivered('2026-11-25T12:00:00.000Z'));
      expect(await awaitFeedbackStep(ctx)).toMatchObject({ kind: 'done' });
      expect(app.calls.filter((c) => c === 'GET feedback/status')).toHaveLength(4);
    });

    it('dead-letters when a resumed run finds the deadline already passed', async () => {
      const app = new RecordingApp();
      app.feedbackAfterPolls = 99;
      const { ctx } = context(app, delivered('2026-11-25T11:00:00.000Z'));
      const result = await awaitFeedbackStep(ctx);
      expect(result).toMatchObject({
        kind: 'stop',
        status: 'dead_lettered',
        error: { code: 'feedback_timeout' },
      });
      expect(app.calls).toEqual(['GET feedback/status']);
    });
  });
});
