import { Controller, Get, Inject, Param, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { APP_ID, instanceId } from './app-instance';
import { AppInstances } from './app-instances';
import { type AppCaller, AppBearerGuard, Caller, RequiresInstanceAccess } from './app-bearer.guard';
import { AppRefusal } from './app-refusal';
import { AppRefusalFilter } from './app-refusal.filter';
import { AppSimulationSettings } from './app-settings';
import { FeedbackDesk } from './feedback-desk';
import { InstanceLinks, instanceView } from './instance-views';

/** Skatteetaten's two feedback endpoints on the app (reference §3.6 step 9). */
@Controller(`${APP_ID}/instances/:partyId/:guid/feedback`)
@UseGuards(AppBearerGuard)
@UseFilters(AppRefusalFilter)
export class FeedbackController {
  constructor(
    private readonly instances: AppInstances,
    private readonly desk: FeedbackDesk,
    private readonly settings: AppSimulationSettings,
    @Inject(InstanceLinks) private readonly links: InstanceLinks,
  ) {}

  @Get('status')
  @RequiresInstanceAccess('read')
  status(@Caller() caller: AppCaller, @Param('partyId') partyId: string, @Param('guid') guid: string) {
    const instance = this.instances.forCaller(caller, partyId, guid);
    return { isFeedbackProvided: instance.feedbackProvidedAt !== null };
  }

  /**
   * Answers the instance once feedback exists. A return that was never delivered gets 400; one
   * whose feedback outlasts the wait cap gets 504, as the platform's front door would give up.
   */
  @Get()
  @RequiresInstanceAccess('read')
  async feedback(
    @Caller() caller: AppCaller,
    @Param('partyId') partyId: string,
    @Param('guid') guid: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const instance = this.instances.forCaller(caller, partyId, guid);
    if (!instance.delivery)
      throw new AppRefusal(400, {
        kind: 'problem',
        detail: `Instance ${instanceId(instance)} has not been submitted, so no feedback will come.`,
      });
    const provided = await this.desk.waitFor(instance, this.settings.feedbackWaitCapMs);
    if (!provided) return void reply.code(504).send();
    void reply
      .code(200)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(instanceView(instance, this.links)));
  }
}
