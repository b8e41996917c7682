import { type HealthReply, SUBJECTS } from '@apier/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';

@Controller()
export class HealthHandler {
  @MessagePattern(SUBJECTS.auth.health)
  health(): HealthReply {
    return { service: 'auth-broker', status: 'ok', checks: {} };
  }
}
