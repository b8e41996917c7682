import { ApierError } from '@apier/contracts';
import { Controller, Get } from '@nestjs/common';
import { ReadinessProbe } from './readiness.probe';

@Controller('health')
export class HealthController {
  constructor(private readonly probe: ReadinessProbe) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<{ status: 'ok'; checks: Record<string, 'ok'> }> {
    const checks = await this.probe.check();
    const failing = Object.entries(checks)
      .filter(([, state]) => state !== 'ok')
      .map(([name]) => name);
    if (failing.length > 0) {
      throw new ApierError('service_unavailable', `Not ready: ${failing.join(', ')} failing`, {
        details: { checks },
      });
    }
    return { status: 'ok', checks: checks as Record<string, 'ok'> };
  }
}
