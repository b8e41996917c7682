import { Controller, Get, Param, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { empty, json, sendWire } from '../http/wire-response';
import { AltinnProblemFilter } from './altinn-problem.filter';
import { AltinnScopes, SYSTEM_REGISTER_SCOPES } from './altinn-scopes';
import { SystemUserDirectory } from './system-user-directory';
import { RequiresScope, VendorBearerGuard, VendorOrgnr } from './vendor-bearer.guard';

/** System Users (reference §4.3): the vendor's reconciliation lookups and Maskinporten's byExternalId. */
@Controller('authentication/api/v1/systemuser')
@UseGuards(VendorBearerGuard)
@UseFilters(AltinnProblemFilter)
export class SystemUserController {
  constructor(private readonly directory: SystemUserDirectory) {}

  @Get('vendor/bysystem/:systemId')
  @RequiresScope(SYSTEM_REGISTER_SCOPES)
  bySystem(
    @VendorOrgnr() vendorOrgnr: string,
    @Param('systemId') systemId: string,
    @Query('token') token: string | undefined,
  ) {
    return this.directory.bySystem(vendorOrgnr, systemId, token);
  }

  @Get('vendor/byquery')
  @RequiresScope([AltinnScopes.requestWrite])
  byQuery(@VendorOrgnr() vendorOrgnr: string, @Query() query: Record<string, string | undefined>) {
    return this.directory.byQuery(vendorOrgnr, query);
  }

  /** Answers like Altinn's controller: bare 400 for missing parameters, bare 404 when there is no match. */
  @Get('byExternalId')
  @RequiresScope([AltinnScopes.systemUserLookup])
  byExternalId(@Query() query: Record<string, string | undefined>, @Res() reply: FastifyReply): void {
    const found = this.directory.byExternalId(query);
    void reply.header('cache-control', 'no-store');
    if (found === 'bad-request') return sendWire(reply, empty(400));
    sendWire(reply, found ? json(200, found) : empty(404));
  }
}
