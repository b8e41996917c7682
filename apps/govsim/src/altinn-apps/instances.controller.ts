import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { APP_ID } from './app-instance';
import { AppInstances } from './app-instances';
import { type AppCaller, AppBearerGuard, Caller, RequiresInstanceAccess } from './app-bearer.guard';
import { AppRefusalFilter } from './app-refusal.filter';
import { InstanceLinks, instanceView, processStateView } from './instance-views';
import { ProcessFlow } from './process-flow';

/** The app's instance and process API (reference §3.6 steps 3, 7 and 8). */
@Controller(`${APP_ID}/instances`)
@UseGuards(AppBearerGuard)
@UseFilters(AppRefusalFilter)
export class InstancesController {
  constructor(
    private readonly instances: AppInstances,
    private readonly process: ProcessFlow,
    @Inject(InstanceLinks) private readonly links: InstanceLinks,
  ) {}

  @Post()
  @HttpCode(201)
  @RequiresInstanceAccess('write')
  create(@Caller() caller: AppCaller, @Body() template: unknown) {
    return instanceView(this.instances.create(caller, template), this.links);
  }

  @Get(':partyId/:guid')
  @RequiresInstanceAccess('read')
  get(@Caller() caller: AppCaller, @Param('partyId') partyId: string, @Param('guid') guid: string) {
    return instanceView(this.instances.forCaller(caller, partyId, guid), this.links);
  }

  @Get(':partyId/:guid/process')
  @RequiresInstanceAccess('read')
  processState(@Caller() caller: AppCaller, @Param('partyId') partyId: string, @Param('guid') guid: string) {
    return processStateView(this.instances.forCaller(caller, partyId, guid));
  }

  @Put(':partyId/:guid/process/next')
  @RequiresInstanceAccess('write')
  next(@Caller() caller: AppCaller, @Param('partyId') partyId: string, @Param('guid') guid: string) {
    return processStateView(this.process.next(caller, partyId, guid));
  }
}
