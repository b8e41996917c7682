import { Body, Controller, Delete, Get, Param, Post, Put, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { json, sendWire } from '../http/wire-response';
import { AltinnProblemFilter } from './altinn-problem.filter';
import { SYSTEM_REGISTER_SCOPES } from './altinn-scopes';
import { SystemRegister } from './system-register';
import { RequiresScope, VendorBearerGuard, VendorOrgnr } from './vendor-bearer.guard';

/** Altinn's system register, vendor side (reference §4.1). */
@Controller('authentication/api/v1/systemregister/vendor')
@UseGuards(VendorBearerGuard)
@UseFilters(AltinnProblemFilter)
@RequiresScope(SYSTEM_REGISTER_SCOPES)
export class SystemRegisterController {
  constructor(private readonly register: SystemRegister) {}

  /** Answers 200 with the system's internal GUID as a JSON string, as Altinn does. */
  @Post()
  create(@VendorOrgnr() vendorOrgnr: string, @Body() body: unknown, @Res() reply: FastifyReply): void {
    sendWire(reply, json(200, this.register.register(vendorOrgnr, body)));
  }

  @Get()
  list(@VendorOrgnr() vendorOrgnr: string) {
    return this.register.list(vendorOrgnr);
  }

  @Get(':systemId')
  get(@VendorOrgnr() vendorOrgnr: string, @Param('systemId') systemId: string) {
    return this.register.get(vendorOrgnr, systemId);
  }

  @Put(':systemId')
  replace(@VendorOrgnr() vendorOrgnr: string, @Param('systemId') systemId: string, @Body() body: unknown) {
    return this.register.replace(vendorOrgnr, systemId, body);
  }

  @Put(':systemId/rights')
  replaceRights(
    @VendorOrgnr() vendorOrgnr: string,
    @Param('systemId') systemId: string,
    @Body() body: unknown,
  ) {
    return this.register.replaceRights(vendorOrgnr, systemId, body);
  }

  @Put(':systemId/accesspackages')
  replaceAccessPackages(
    @VendorOrgnr() vendorOrgnr: string,
    @Param('systemId') systemId: string,
    @Body() body: unknown,
  ) {
    return this.register.replaceAccessPackages(vendorOrgnr, systemId, body);
  }

  @Delete(':systemId')
  delete(@VendorOrgnr() vendorOrgnr: string, @Param('systemId') systemId: string) {
    return this.register.delete(vendorOrgnr, systemId);
  }
}
