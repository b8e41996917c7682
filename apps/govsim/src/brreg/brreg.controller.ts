import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GOVSIM_OPTIONS, type GovsimOptions } from '../govsim-options';
import { requestPath } from '../http/request-path';
import { sendWire, type WireResponse } from '../http/wire-response';
import { acceptsBrregJson, brregError } from './brreg-errors';
import { BrregLinks } from './brreg-links';
import { BrregRegistry, type BrregRequest } from './brreg-registry';
import { acceptsBrregGzip, FULL_DUMP_CONTENT_TYPE, FullDump, type FullDumpQuery } from './full-dump';
import type { QueryInput } from './search-criteria';

/** Enhetsregisteret's open data API (data.brreg.no/enhetsregisteret/api). */
@Controller('enhetsregisteret/api')
export class BrregController {
  private readonly dump: FullDump;

  constructor(
    private readonly registry: BrregRegistry,
    @Inject(GOVSIM_OPTIONS) options: GovsimOptions,
    links: BrregLinks,
  ) {
    this.dump = new FullDump({ seed: options.seed, antall: options.syntheticCompanies }, links);
  }

  /** The bulk download: a gzipped JSON array of every Enhet (`?antall=&seed=` size it). */
  @Get('enheter/lastned')
  lastned(@Query() query: FullDumpQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const path = requestPath(request);
    if (!acceptsBrregGzip(request.headers.accept)) {
      return sendWire(reply, brregError(406, 'Could not find acceptable representation', path));
    }
    const parsed = this.dump.parse(query);
    if (!parsed.ok) return sendWire(reply, brregError(400, parsed.message, path));
    void reply
      .header('etag', this.dump.etag(parsed.request))
      .header('content-disposition', 'attachment; filename="enheter_alle.json.gz"')
      .type(FULL_DUMP_CONTENT_TYPE)
      .send(this.dump.stream(parsed.request));
  }

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
