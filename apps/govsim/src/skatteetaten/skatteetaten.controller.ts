import { Controller, Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { sendWire } from '../http/wire-response';
import { SkatteetatenRegistry } from './skatteetaten-registry';

@Controller('skatteetaten/api/mva')
export class SkatteetatenController {
  constructor(private readonly registry: SkatteetatenRegistry) {}

  @Get('mvaregister/v1/enhet/:orgnr')
  mvaRegisterEntry(@Param('orgnr') orgnr: string, @Res() reply: FastifyReply): void {
    sendWire(reply, this.registry.mvaRegisterEntry(orgnr));
  }

  @Get('grensesnittstoette/innsyn/melding/innsending/status/v1/:orgnr')
  innsendingStatus(@Param('orgnr') orgnr: string, @Res() reply: FastifyReply): void {
    sendWire(reply, this.registry.innsendingStatus(orgnr));
  }
}
