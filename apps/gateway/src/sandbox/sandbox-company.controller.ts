import {
  ApierError,
  type CompanyContext,
  CompanyContextSchema,
  isSandboxOrgnr,
  SUBJECTS,
} from '@apier/contracts';
import type { RpcClient } from '@apier/platform';
import { Controller, Get, Inject, Param } from '@nestjs/common';
import { RPC_CLIENT } from '../gateway.tokens';
import { parseOrgnrParam } from './orgnr-param';

@Controller('api/v1/sandbox/public')
export class SandboxCompanyController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcClient) {}

  @Get('company/:orgnr/context')
  async context(@Param('orgnr') rawOrgnr: string): Promise<CompanyContext> {
    const orgnr = parseOrgnrParam(rawOrgnr);
    if (!isSandboxOrgnr(orgnr)) {
      throw new ApierError(
        'not_a_sandbox_company',
        `The sandbox serves only its synthetic companies; ${orgnr} is not one of them`,
        {
          details: { orgnr, sandbox_orgnrs: ['999999999'] },
        },
      );
    }
    return this.rpc.request(SUBJECTS.registry.companyContext, { orgnr, sandbox: true }, CompanyContextSchema);
  }
}
