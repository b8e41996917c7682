import {
  CreateDelegationReplySchema,
  type Delegation,
  type DelegationList,
  DelegationListSchema,
  DelegationSchema,
  SUBJECTS,
} from '@apier/contracts';
import type { RpcClient } from '@apier/platform';
import { Body, Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Authenticated } from '../api-keys/authenticated.decorator';
import { Caller } from '../api-keys/caller.decorator';
import { RPC_CLIENT } from '../gateway.tokens';
import { validateInput } from '../problems/validate';
import { parseOrgnrParam } from '../sandbox/orgnr-param';
import { CreateDelegationBodySchema, DelegationPathSchema } from './delegations.operations';

/** System User delegations of the calling account; the auth-broker owns them, this only shapes. */
@Controller('api/v1')
export class DelegationsController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcClient) {}

  @Post('delegations/requests')
  @Authenticated({ scope: 'delegations:write' })
  async createRequest(
    @Body() body: unknown,
    @Caller() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Delegation> {
    const input = validateInput(CreateDelegationBodySchema, body, 'body');
    const result = await this.rpc.request(
      SUBJECTS.auth.delegation.createRequest,
      { accountId: caller.accountId, orgnr: input.orgnr, access_packages: input.access_packages },
      CreateDelegationReplySchema,
      { accountId: caller.accountId },
    );
    void reply.status(result.created ? 201 : 200);
    return result.delegation;
  }

  @Get('delegations/requests/:id')
  @Authenticated({ scope: 'delegations:read' })
  async getRequest(@Param() params: unknown, @Caller() caller: Caller): Promise<Delegation> {
    const { id } = validateInput(DelegationPathSchema, params, 'path');
    return this.rpc.request(
      SUBJECTS.auth.delegation.get,
      { accountId: caller.accountId, id },
      DelegationSchema,
      { accountId: caller.accountId },
    );
  }

  @Get('company/:orgnr/delegations')
  @Authenticated({ scope: 'delegations:read' })
  async list(@Param('orgnr') rawOrgnr: string, @Caller() caller: Caller): Promise<DelegationList> {
    const orgnr = parseOrgnrParam(rawOrgnr);
    return this.rpc.request(
      SUBJECTS.auth.delegation.list,
      { accountId: caller.accountId, orgnr },
      DelegationListSchema,
      { accountId: caller.accountId },
    );
  }
}
