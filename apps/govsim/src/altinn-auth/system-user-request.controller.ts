import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { GOVSIM_OPTIONS, type GovsimOptions } from '../govsim-options';
import { json, sendWire } from '../http/wire-response';
import { AltinnProblemFilter } from './altinn-problem.filter';
import { AltinnScopes } from './altinn-scopes';
import { SystemUserRequests } from './system-user-requests';
import { RequiresScope, VendorBearerGuard, VendorOrgnr } from './vendor-bearer.guard';

/** System User requests, vendor side (reference §4.2); agent requests are not simulated. */
@Controller('authentication/api/v1/systemuser/request/vendor')
@UseGuards(VendorBearerGuard)
@UseFilters(AltinnProblemFilter)
export class SystemUserRequestController {
  constructor(
    private readonly requests: SystemUserRequests,
    @Inject(GOVSIM_OPTIONS) private readonly options: GovsimOptions,
  ) {}

  /** 201 with Location for a new request, 200 with the pending one when it already exists. */
  @Post()
  @RequiresScope([AltinnScopes.requestWrite])
  create(@VendorOrgnr() vendorOrgnr: string, @Body() body: unknown, @Res() reply: FastifyReply): void {
    const { created, request } = this.requests.create(vendorOrgnr, body);
    if (created)
      void reply.header(
        'location',
        `${this.options.publicBaseUrl}/authentication/api/v1/systemuser/request/${request.id}`,
      );
    sendWire(reply, json(created ? 201 : 200, request));
  }

  @Get('bysystem/:systemId')
  @RequiresScope([AltinnScopes.requestRead])
  listBySystem(
    @VendorOrgnr() vendorOrgnr: string,
    @Param('systemId') systemId: string,
    @Query('token') token: string | undefined,
  ) {
    return this.requests.listBySystem(vendorOrgnr, systemId, token);
  }

  @Get('byexternalref/:systemId/:orgNo/:externalRef')
  @RequiresScope([AltinnScopes.requestRead])
  byExternalRef(
    @VendorOrgnr() vendorOrgnr: string,
    @Param('systemId') systemId: string,
    @Param('orgNo') orgNo: string,
    @Param('externalRef') externalRef: string,
  ) {
    return this.requests.byExternalRef(vendorOrgnr, systemId, orgNo, externalRef);
  }

  @Get(':requestId')
  @RequiresScope([AltinnScopes.requestRead])
  byId(@VendorOrgnr() vendorOrgnr: string, @Param('requestId') requestId: string) {
    return this.requests.byId(vendorOrgnr, requestId);
  }

  @Delete(':requestId')
  @HttpCode(202)
  @RequiresScope([AltinnScopes.requestWrite])
  delete(@VendorOrgnr() vendorOrgnr: string, @Param('requestId') requestId: string): void {
    this.requests.delete(vendorOrgnr, requestId);
  }
}
