import {
  type CompanyContext,
  CompanyContextSchema,
  SUBJECTS,
  type WhoCanAct,
  WhoCanActSchema,
} from '@apier/contracts';
import type { RpcClient } from '@apier/platform';
import { Controller, Get, Inject, Param } from '@nestjs/common';
import { Authenticated } from '../api-keys/authenticated.decorator';
import { Caller } from '../api-keys/caller.decorator';
import { RPC_CLIENT } from '../gateway.tokens';
import { parseOrgnrParam } from '../sandbox/orgnr-param';

@Controller('api/v1/company')
export class CompanyController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcClient) {}

  @Get(':orgnr/context')
  @Authenticated({ scope: 'company:read' })
  async context(@Param('orgnr') rawOrgnr: string, @Caller() caller: Caller): Promise<CompanyContext> {
    const orgnr = parseOrgnrParam(rawOrgnr);
    return this.rpc.request(
      SUBJECTS.registry.companyContext,
      { orgnr, sandbox: false },
      CompanyContextSchema,
      { accountId: caller.accountId },
    );
  }

  @Get(':orgnr/who-can-act')
  @Authenticated({ scope: 'company:read' })
  async whoCanAct(@Param('orgnr') rawOrgnr: string, @Caller() caller: Caller): Promise<WhoCanAct> {
    const orgnr = parseOrgnrParam(rawOrgnr);
    return this.rpc.request(SUBJECTS.registry.whoCanAct, { orgnr, sandbox: false }, WhoCanActSchema, {
      accountId: caller.accountId,
    });
  }
}
