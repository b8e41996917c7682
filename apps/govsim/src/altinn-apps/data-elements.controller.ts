import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { APP_ID } from './app-instance';
import { type AppCaller, AppBearerGuard, Caller, RequiresInstanceAccess } from './app-bearer.guard';
import { AppRefusalFilter } from './app-refusal.filter';
import { DataElements } from './data-elements';
import { dataElementView, InstanceLinks } from './instance-views';

/** ASP.NET binds query parameters case-insensitively; Skatteetaten's own examples write `datatype`. */
function queryValue(query: Record<string, unknown>, name: string): string | undefined {
  const key = Object.keys(query).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : query[key];
  return typeof value === 'string' ? value : undefined;
}

/** The instance's data API (reference §3.6 steps 4–6 and the feedback downloads of step 9). */
@Controller(`${APP_ID}/instances/:partyId/:guid/data`)
@UseGuards(AppBearerGuard)
@UseFilters(AppRefusalFilter)
export class DataElementsController {
  constructor(
    private readonly elements: DataElements,
    @Inject(InstanceLinks) private readonly links: InstanceLinks,
  ) {}

  @Post()
  @HttpCode(201)
  @RequiresInstanceAccess('write')
  add(
    @Caller() caller: AppCaller,
    @Param('partyId') partyId: string,
    @Param('guid') guid: string,
    @Query() query: Record<string, unknown>,
    @Headers('content-type') contentType: string | undefined,
    @Headers('content-disposition') contentDisposition: string | undefined,
    @Body() body: unknown,
  ) {
    const { instance, element } = this.elements.add(caller, partyId, guid, queryValue(query, 'dataType'), {
      contentType,
      contentDisposition,
      body,
    });
    return dataElementView(instance, element, this.links);
  }

  @Put(':dataGuid')
  @RequiresInstanceAccess('write')
  replace(
    @Caller() caller: AppCaller,
    @Param('partyId') partyId: string,
    @Param('guid') guid: string,
    @Param('dataGuid') dataGuid: string,
    @Headers('content-type') contentType: string | undefined,
    @Headers('content-disposition') contentDisposition: string | undefined,
    @Body() body: unknown,
  ) {
    const { instance, element } = this.elements.replace(caller, partyId, guid, dataGuid, {
      contentType,
      contentDisposition,
      body,
    });
    return dataElementView(instance, element, this.links);
  }

  @Get(':dataGuid')
  @RequiresInstanceAccess('read')
  download(
    @Caller() caller: AppCaller,
    @Param('partyId') partyId: string,
    @Param('guid') guid: string,
    @Param('dataGuid') dataGuid: string,
    @Res() reply: FastifyReply,
  ): void {
    const element = this.elements.read(caller, partyId, guid, dataGuid);
    if (element.filename)
      void reply.header(
        'content-disposition',
        `attachment; filename="${element.filename.replace(/["\\\r\n]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(element.filename)}`,
      );
    void reply.code(200).type(element.contentType).send(element.content);
  }

  @Delete(':dataGuid')
  @RequiresInstanceAccess('write')
  remove(
    @Caller() caller: AppCaller,
    @Param('partyId') partyId: string,
    @Param('guid') guid: string,
    @Param('dataGuid') dataGuid: string,
  ): boolean {
    this.elements.remove(caller, partyId, guid, dataGuid);
    return true;
  }
}
