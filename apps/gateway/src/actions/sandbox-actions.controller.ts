import { type DryRunResult, DryRunResultSchema, ExecuteActionBodySchema, SUBJECTS } from '@apier/contracts';
import type { RpcClient } from '@apier/platform';
import { Body, Controller, HttpCode, Inject, Post, Query, UseGuards } from '@nestjs/common';
import { RPC_CLIENT } from '../gateway.tokens';
import { validateInput } from '../problems/validate';
import { PublicRateLimitGuard } from '../rate-limit/public-rate-limit.guard';
import { parseSandboxOrgnr } from '../sandbox/sandbox-orgnr';
import { SandboxExecuteQuerySchema } from './actions.operations';

/** Zero-auth dry run for the sandbox's synthetic companies: the same checks, nothing created. */
@Controller('api/v1/sandbox/public/actions')
@UseGuards(PublicRateLimitGuard)
export class SandboxActionsController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcClient) {}

  @Post('execute')
  @HttpCode(200)
  async dryRun(@Query() query: unknown, @Body() rawBody: unknown): Promise<DryRunResult> {
    validateInput(SandboxExecuteQuerySchema, query ?? {}, 'query');
    const body = validateInput(ExecuteActionBodySchema, rawBody, 'body');
    parseSandboxOrgnr(body.orgnr);
    return this.rpc.request(
      SUBJECTS.filing.dryRun,
      { account_id: null, sandbox: true, body },
      DryRunResultSchema,
    );
  }
}
