import { Body, Controller, Delete, Get, HttpCode, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { invalidInput } from '../control/control-responses';
import { json, sendWire } from '../http/wire-response';
import { FaultPlan } from './fault-plan';
import { FaultRulesSchema } from './fault-rules';

/** Sets, lists and clears the fault rules. Not part of any agency's API, and never faulted itself. */
@Controller('govsim/control/faults')
export class FaultControlController {
  constructor(private readonly plan: FaultPlan) {}

  /** Replaces every rule with the ones given (an empty array clears them too). */
  @Put()
  replace(@Body() body: unknown, @Res() reply: FastifyReply): void {
    const parsed = FaultRulesSchema.safeParse(body);
    if (!parsed.success) return sendWire(reply, invalidInput(parsed.error));
    this.plan.replace(parsed.data);
    sendWire(reply, json(200, this.plan.list()));
  }

  @Get()
  list() {
    return this.plan.list();
  }

  @Delete()
  @HttpCode(204)
  clear(): void {
    this.plan.clear();
  }
}
