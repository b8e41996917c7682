import { type HealthReply, SUBJECTS } from '@apier/contracts';
import type { PrismaClient } from '@apier/db';
import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { PRISMA } from '../registry-sync.tokens';

@Controller()
export class HealthHandler {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  @MessagePattern(SUBJECTS.registry.health)
  async health(): Promise<HealthReply> {
    const database = await this.prisma.$queryRaw`SELECT 1`.then(
      () => 'ok' as const,
      () => 'failing' as const,
    );
    return { service: 'registry-sync', status: database === 'ok' ? 'ok' : 'degraded', checks: { database } };
  }
}
