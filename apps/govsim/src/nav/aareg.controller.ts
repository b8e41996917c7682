import { Controller, Get, Headers, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { sendWire } from '../http/wire-response';
import { AaregRegistry } from './aareg-registry';

@Controller('nav/aareg/api/v1/opplysningspliktig')
export class AaregController {
  constructor(private readonly registry: AaregRegistry) {}

  @Get('arbeidsgiveroversikt')
  arbeidsgiveroversikt(
    @Headers('nav-opplysningspliktigident') opplysningspliktig: string | undefined,
    @Res() reply: FastifyReply,
  ): void {
    sendWire(reply, this.registry.arbeidsgiveroversikt(opplysningspliktig));
  }
}
