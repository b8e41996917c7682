import {
  ApierError,
  ExecuteActionRequestSchema,
  GetActionRequestSchema,
  LiveExecuteRequestSchema,
  SUBJECTS,
} from '@apier/contracts';
import type { PrismaClient } from '@apier/db';
import { parsePayload } from '@apier/platform';
import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PRISMA } from '../filing.tokens';
import { toActionView } from './action-view';
import { ExecuteActionService } from './execute-action.service';

/** NATS edge of binding actions: validate, then delegate. Reads are scoped to the account. */
@Controller()
export class ActionsHandler {
  constructor(
    private readonly actions: ExecuteActionService,
    @Inject(PRISMA) private readonly prisma: PrismaClient,
  ) {}

  @MessagePattern(SUBJECTS.filing.dryRun)
  dryRun(@Payload() payload: unknown) {
    return this.actions.dryRun(parsePayload(ExecuteActionRequestSchema, payload));
  }

  @MessagePattern(SUBJECTS.filing.execute)
  execute(@Payload() payload: unknown) {
    return this.actions.execute(parsePayload(LiveExecuteRequestSchema, payload));
  }

  @MessagePattern(SUBJECTS.filing.action.get)
  async get(@Payload() payload: unknown) {
    const request = parsePayload(GetActionRequestSchema, payload);
    const action = await this.prisma.action.findFirst({
      where: { id: request.action_id, accountId: request.account_id },
      include: { events: true, receipt: true },
    });
    if (!action) throw new ApierError('action_not_found', 'The account has no such action');
    return toActionView(action);
  }
}
