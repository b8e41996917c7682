import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestPath } from '../http/request-path';
import { sendWire, type WireResponse } from '../http/wire-response';
import { acceptsBrregJson, brregError } from './brreg-errors';
import { BrregRegistry, type BrregRequest } from './brreg-registry';
import type { QueryInput } from './search-criteria';

/** Enhetsregisteret's open data API (data.brreg.no/enhetsregisteret/api). */
@Controller('enhetsregisteret/api')
export class BrregController {
  constructor(private readonly registry: BrregRegistry) {}

  @Get('enheter')
  searchEnheter(
    @Query() query: QueryInput,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): void {
    this.answer(request, reply, (r) => this.registry.searchEnheter(query, r));
  }

  @Get('enheter/:orgnr')
  enhet(@Param('orgnr') orgnr: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.answer(request, reply, (r) => this.registry.enhet(orgnr, r));
  }

  @Get('enheter/:orgnr/roller')
  roller(@Param('orgnr') orgnr: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.answer(request, reply, (r) => this.registry.roller(orgnr, r));
  }

  @Get('underenheter')
  searchUnderenheter(
    @Query() query: QueryInput,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): void {
    this.answer(request, reply, (r) => this.registry.searchUnderenheter(query, r));
  }

  @Get('underenheter/:orgnr')
  underenhet(
    @Param('orgnr') orgnr: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): void {
    this.answer(request, reply, (r) => this.registry.underenhet(orgnr, r));
  }

  @Get('oppdateringer/enheter')
  oppdateringerEnheter(
    @Query() query: QueryInput,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): void {
    this.answer(request, reply, (r) => this.registry.updates('enheter', query, r));
  }

  @Get('oppdateringer/underenheter')
  oppdateringerUnderenheter(
    @Query() query: QueryInput,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): void {
    this.answer(request, reply, (r) => this.registry.updates('underenheter', query, r));
  }

  private answer(
    request: FastifyRequest,
    reply: FastifyReply,
    produce: (r: BrregRequest) => WireResponse,
  ): void {
    const brregRequest = { url: request.url, path: requestPath(request) };
    const wire = acceptsBrregJson(request.headers.accept)
      ? produce(brregRequest)
      : brregError(406, 'Could not find acceptable representation', brregRequest.path);
    sendWire(reply, wire);
  }
}
