import {
  type AcceptedAction,
  AcceptedActionSchema,
  ActionViewSchema,
  ApierError,
  DryRunResultSchema,
  ExecuteActionBodySchema,
  type ActionView,
  type DryRunResult,
  SUBJECTS,
} from '@apier/contracts';
import type { RpcClient } from '@apier/platform';
import { Body, Controller, Get, Headers, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Authenticated } from '../api-keys/authenticated.decorator';
import { Caller } from '../api-keys/caller.decorator';
import { RPC_CLIENT } from '../gateway.tokens';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { validateInput } from '../problems/validate';
import { ActionPathSchema, ExecuteQuerySchema, LiveHeadersSchema } from './actions.operations';

const EXECUTE_ROUTE = '/api/v1/actions/execute';

/** Binding actions of the calling account; the filing service owns them, this only shapes HTTP. */
@Controller('api/v1/actions')
export class ActionsController {
  constructor(
    @Inject(RPC_CLIENT) private readonly rpc: RpcClient,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post('execute')
  @Authenticated({ scope: 'actions:write' })
  async execute(
    @Query() query: unknown,
    @Headers() headers: unknown,
    @Body() rawBody: unknown,
    @Caller() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DryRunResult | AcceptedAction | unknown> {
    const { dry_run } = validateInput(ExecuteQuerySchema, query ?? {}, 'query');
    if (dry_run === 'true') {
      const body = validateInput(ExecuteActionBodySchema, rawBody, 'body');
      void reply.status(200);
      return this.rpc.request(
        SUBJECTS.filing.dryRun,
        { account_id: caller.accountId, sandbox: false, body },
        DryRunResultSchema,
        { accountId: caller.accountId },
      );
    }
    const liveHeaders = validateInput(LiveHeadersSchema, headers, 'header');
    const approvalToken = liveHeaders['approval-token']?.trim();
    const outcome = await this.idempotency.run(
      {
        accountId: caller.accountId,
        method: 'POST',
        routeTemplate: EXECUTE_ROUTE,
        rawKey: liveHeaders['idempotency-key'],
        body: rawBody,
      },
      async (idempotencyKey: string) => {
        const body = validateInput(ExecuteActionBodySchema, rawBody, 'body');
        if (!approvalToken) {
          throw new ApierError(
            'approval_token_missing',
            'Live actions need the Approval-Token an approver granted',
          );
        }
        const accepted = await this.rpc.request(
          SUBJECTS.filing.execute,
          {
            account_id: caller.accountId,
            idempotency_key: idempotencyKey,
            approval_token: approvalToken,
            body,
          },
          AcceptedActionSchema,
          { accountId: caller.accountId },
        );
        return { status: 202, body: accepted };
      },
    );
    void reply.status(outcome.status);
    if (outcome.status === 202) {
      void reply.header('location', (outcome.body as AcceptedAction).status_url);
    }
    if (outcome.replayed) void reply.header('idempotent-replayed', 'true');
    return outcome.body;
  }

  @Get(':id')
  @Authenticated({ scope: 'actions:read' })
  async get(@Param() params: unknown, @Caller() caller: Caller): Promise<ActionView> {
    const { id } = validateInput(ActionPathSchema, params, 'path');
    return this.rpc.request(
      SUBJECTS.filing.action.get,
      { account_id: caller.accountId, action_id: id },
      ActionViewSchema,
      { accountId: caller.accountId },
    );
  }
}
