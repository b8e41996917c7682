import { type HealthReply, SUBJECTS } from '@apier/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';

@Controller()
export class HealthHandler {
  @MessagePattern(SUBJECTS.filing.health)
  health(): HealthReply {
    return { service: 'filing', status: 'ok', checks: {} };
  }
}
