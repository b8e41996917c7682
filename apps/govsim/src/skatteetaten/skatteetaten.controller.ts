import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { sendWire } from '../http/wire-response';
import { sendInnsyn } from './innsyn-format';
import { SkatteetatenRegistry } from './skatteetaten-registry';

@Controller('skatteetaten/api/mva')
export class SkatteetatenController {
  constructor(private readonly registry: SkatteetatenRegistry) {}

  @Get('mvaregister/v1/enhet/:orgnr')
  mvaRegisterEntry(@Param('orgnr') orgnr: string, @Res() reply: FastifyReply): void {
    sendWire(reply, this.registry.mvaRegisterEntry(orgnr));
  }

  @Get('grensesnittstoette/innsyn/melding/innsending/status/v1/:orgnr')
  innsendingStatus(
    @Param('orgnr') orgnr: string,
    @Headers('accept') accept: string | undefined,
    @Res() reply: FastifyReply,
  ): void {
    sendInnsyn(reply, this.registry.innsendingStatus(orgnr), accept);
  }

  @Get('grensesnittstoette/innsyn/melding/innsending/melding/v1/:orgnr')
  innsendteMeldinger(
    @Param('orgnr') orgnr: string,
    @Query('sekvensnummer') sekvensnummer: string | undefined,
    @Headers('accept') accept: string | undefined,
    @Res() reply: FastifyReply,
  ): void {
    sendInnsyn(reply, this.registry.innsendteMeldinger(orgnr, sekvensnummer), accept);
  }
}
