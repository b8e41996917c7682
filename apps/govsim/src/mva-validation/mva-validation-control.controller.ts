import { Body, Controller, Get, HttpCode, Post, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { invalidInput } from '../control/control-responses';
import { json, sendWire } from '../http/wire-response';
import { MvaValidationSettings } from './mva-validation-settings';

const SettingsSchema = z.strictObject({
  shape: z.enum(['v1', 'legacy']).optional(),
  enforce_r077: z.boolean().optional(),
  today: z.iso.date().optional(),
});

/** Switches of the simulated validator; the Altinn app's fill-in check follows them too. */
@Controller('govsim/control/mva-validation')
export class MvaValidationControlController {
  constructor(private readonly settings: MvaValidationSettings) {}

  @Get('settings')
  getSettings() {
    return this.settings.view();
  }

  @Put('settings')
  putSettings(@Body() body: unknown, @Res() reply: FastifyReply): void {
    const parsed = SettingsSchema.safeParse(body ?? {});
    if (!parsed.success) return sendWire(reply, invalidInput(parsed.error));
    const change = parsed.data;
    if (change.shape !== undefined) this.settings.shape = change.shape;
    if (change.enforce_r077 !== undefined) this.settings.enforceR077 = change.enforce_r077;
    if (change.today !== undefined) this.settings.today = change.today;
    sendWire(reply, json(200, this.settings.view()));
  }

  @Post('reset')
  @HttpCode(204)
  reset(): void {
    this.settings.reset();
  }
}
