import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { invalidInput, problem } from '../control/control-responses';
import { MAX_HOLD_MS } from '../faults/fault-rules';
import { json, sendWire } from '../http/wire-response';
import { instanceId } from './app-instance';
import { AppInstanceStore } from './app-instance-store';
import { AppRefusal } from './app-refusal';
import { AppSimulationSettings } from './app-settings';
import { FeedbackDesk } from './feedback-desk';
import { ProcessFlow } from './process-flow';
import { submissionLedger } from './submission-ledger';

const orgnr = z.string().regex(/^\d{9}$/);

const SettingsSchema = z.strictObject({
  feedback_delay_ms: z.number().int().min(0).max(3_600_000).optional(),
  feedback_wait_cap_ms: z.number().int().min(0).max(MAX_HOLD_MS).optional(),
  require_instansstatus: z.boolean().optional(),
  needs_confirmation: z
    .strictObject({ all: z.boolean().optional(), orgnrs: z.array(orgnr).max(10_000).optional() })
    .optional(),
});

const LedgerQuerySchema = z.strictObject({
  orgnr: orgnr.optional(),
  regnskapssystemsreferanse: z.string().min(1).optional(),
});

/**
 * Test and demo hooks for the Altinn app `skd/mva-melding-innsending-etm2`: feedback timing,
 * returns that need a person, what Skatteetaten received, the person's signature, a fresh start.
 */
@Controller('govsim/control/altinn-apps')
export class AltinnAppsControlController {
  constructor(
    private readonly settings: AppSimulationSettings,
    private readonly store: AppInstanceStore,
    private readonly desk: FeedbackDesk,
    private readonly process: ProcessFlow,
  ) {}

  @Get('settings')
  getSettings() {
    return this.settings.view();
  }

  /** Changes only the fields given; `needs_confirmation.orgnrs` replaces the list. */
  @Put('settings')
  putSettings(@Body() body: unknown, @Res() reply: FastifyReply): void {
    const parsed = SettingsSchema.safeParse(body ?? {});
    if (!parsed.success) return sendWire(reply, invalidInput(parsed.error));
    const change = parsed.data;
    if (change.feedback_delay_ms !== undefined) this.settings.feedbackDelayMs = change.feedback_delay_ms;
    if (change.feedback_wait_cap_ms !== undefined)
      this.settings.feedbackWaitCapMs = change.feedback_wait_cap_ms;
    if (change.require_instansstatus !== undefined)
      this.settings.requireInstansstatus = change.require_instansstatus;
    if (change.needs_confirmation?.all !== undefined)
      this.settings.needsPerson.all = change.needs_confirmation.all;
    if (change.needs_confirmation?.orgnrs !== undefined)
      this.settings.needsPerson.orgnrs = new Set(change.needs_confirmation.orgnrs);
    sendWire(reply, json(200, this.settings.view()));
  }

  /** Every instance, newest last, with where its process stands. */
  @Get('instances')
  instances(@Query('orgnr') filterOrgnr: string | undefined) {
    return this.store
      .all()
      .filter((i) => !filterOrgnr || i.orgnr === filterOrgnr)
      .map((i) => ({
        instance_id: instanceId(i),
        orgnr: i.orgnr,
        created: i.created,
        current_task: i.currentTask
          ? { element_id: i.currentTask.definition.elementId, type: i.currentTask.definition.altinnTaskType }
          : null,
        ended: i.processEnded,
        delivered_at: i.delivery?.deliveredAt ?? null,
        feedback_provided_at: i.feedbackProvidedAt,
      }));
  }

  /** Returns Skatteetaten received, with counts per organisation and term and per regnskapssystemsreferanse. */
  @Get('submissions')
  submissions(@Query() query: unknown, @Res() reply: FastifyReply): void {
    const parsed = LedgerQuerySchema.safeParse(query ?? {});
    if (!parsed.success) return sendWire(reply, invalidInput(parsed.error));
    sendWire(reply, json(200, submissionLedger(this.store.all(), parsed.data)));
  }

  /** A person with the right role signs the waiting return in Altinn's inbox; it is then delivered. */
  @Post('instances/:partyId/:guid/sign')
  sign(@Param('partyId') partyId: string, @Param('guid') guid: string, @Res() reply: FastifyReply): void {
    let instance;
    try {
      instance = this.store.get(partyId, guid);
    } catch (error) {
      if (!(error instanceof AppRefusal)) throw error;
      return sendWire(reply, problem(404, 'Not Found', `No instance ${partyId}/${guid}`));
    }
    if (!this.process.signAsPerson(instance))
      return sendWire(
        reply,
        json(
          409,
          {
            type: 'about:blank',
            title: 'Conflict',
            status: 409,
            detail: `Instance ${instanceId(instance)} is not waiting for a signature`,
          },
          'application/problem+json',
        ),
      );
    sendWire(
      reply,
      json(200, { instance_id: instanceId(instance), delivered_at: instance.delivery!.deliveredAt }),
    );
  }

  /** Forgets every instance and pending feedback and restores the default settings. */
  @Post('reset')
  @HttpCode(204)
  reset(): void {
    this.desk.close();
    this.store.clear();
    this.settings.reset();
  }
}
