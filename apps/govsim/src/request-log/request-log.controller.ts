import { Controller, Delete, Get, HttpCode, Query } from '@nestjs/common';
import { RequestLog } from './request-log';

/** `GET /govsim/control/requests[?path_prefix=/enhetsregisteret]` lists answered requests, oldest first. */
@Controller('govsim/control/requests')
export class RequestLogController {
  constructor(private readonly log: RequestLog) {}

  @Get()
  list(@Query('path_prefix') pathPrefix: string | undefined) {
    return { requests: this.log.list(pathPrefix || undefined) };
  }

  @Delete()
  @HttpCode(204)
  clear(): void {
    this.log.clear();
  }
}
