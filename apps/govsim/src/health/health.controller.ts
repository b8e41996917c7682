import { Controller, Get, HttpCode } from '@nestjs/common';

@Controller('govsim')
export class HealthController {
  @Get('health')
  @HttpCode(200)
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
