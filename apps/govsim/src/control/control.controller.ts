import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { FIXTURE_ORGNRS, FIXTURE_UNDERENHET_ORGNRS } from '../fixtures/fixture-orgnrs';
import { GovsimWorld, UnknownCompanyError } from '../fixtures/govsim-world';
import { json, sendWire } from '../http/wire-response';
import { companySummary, invalidInput, unknownCompany } from './control-responses';
import { CompanyListQuerySchema, CompanyStateChangeSchema, EnhetChangeSchema } from './control-schemas';

/** Lets tests and demos look into the simulated world and change it. Not part of any agency's API. */
@Controller('govsim/control')
export class ControlController {
  constructor(private readonly world: GovsimWorld) {}

  @Get('fixtures')
  fixtures(@Res() reply: FastifyReply): void {
    sendWire(reply, json(200, { enheter: FIXTURE_ORGNRS, underenheter: FIXTURE_UNDERENHET_ORGNRS }));
  }

  @Get('companies')
  companies(@Query() query: unknown, @Res() reply: FastifyReply): void {
    const parsed = CompanyListQuerySchema.safeParse(query);
    if (!parsed.success) return sendWire(reply, invalidInput(parsed.error));
    const { limit, offset } = parsed.data;
    const companies = this.world.list(offset, limit).map(companySummary);
    sendWire(reply, json(200, { total: this.world.size, offset, limit, companies }));
  }

  @Get('companies/:orgnr')
  company(@Param('orgnr') orgnr: string, @Res() reply: FastifyReply): void {
    const company = this.world.company(orgnr);
    sendWire(reply, company ? json(200, company) : unknownCompany(orgnr));
  }

  @Post('companies/:orgnr/state')
  changeState(@Param('orgnr') orgnr: string, @Body() body: unknown, @Res() reply: FastifyReply): void {
    const parsed = CompanyStateChangeSchema.safeParse(body ?? {});
    if (!parsed.success) return sendWire(reply, invalidInput(parsed.error));
    try {
      sendWire(reply, json(200, companySummary(this.world.applyStateChange(orgnr, parsed.data))));
    } catch (error) {
      if (error instanceof UnknownCompanyError) return sendWire(reply, unknownCompany(orgnr));
      throw error;
    }
  }

  /** Changes plain Enhet facts and appends an `Endring` (with its JSON-Patch) to the update feed. */
  @Post('companies/:orgnr/changes')
  changeEnhet(@Param('orgnr') orgnr: string, @Body() body: unknown, @Res() reply: FastifyReply): void {
    const parsed = EnhetChangeSchema.safeParse(body ?? {});
    if (!parsed.success) return sendWire(reply, invalidInput(parsed.error));
    try {
      const { company, update } = this.world.patchEnhet(orgnr, parsed.data.patch);
      sendWire(reply, json(200, { ...companySummary(company), oppdatering: update ?? null }));
    } catch (error) {
      if (error instanceof UnknownCompanyError) return sendWire(reply, unknownCompany(orgnr));
      throw error;
    }
  }
}
