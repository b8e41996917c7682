import {
  ApierError,
  type CompanyContext,
  CompanyContextSchema,
  isSandboxOrgnr,
  type Orgnr,
  SANDBOX_ORGNRS,
  SUBJECTS,
  type WhoCanAct,
  WhoCanActSchema,
} from '@apier/contracts';
import type { RpcClient } from '@apier/platform';
import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { PublicRateLimitGuard } from '../rate-limit/public-rate-limit.guard';
import { RPC_CLIENT } from '../gateway.tokens';
import { parseOrgnrParam } from './orgnr-param';

/** Zero-auth mirrors of the company routes: same subjects and schemas, fixture data only. */
@Controller('api/v1/sandbox/public')
@UseGuards(PublicRateLimitGuard)
export class SandboxCompanyController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcClient) {}

  @Get('company/:orgnr/context')
  async context(@Param('orgnr') rawOrgnr: string): Promise<CompanyContext> {
    const orgnr = parseSandboxOrgnr(rawOrgnr);
    return this.rpc.request(SUBJECTS.registry.companyContext, { orgnr, sandbox: true }, CompanyContextSchema);
  }

  @Get('company/:orgnr/who-can-act')
  async whoCanAct(@Param('orgnr') rawOrgnr: string): Promise<WhoCanAct> {
    const orgnr = parseSandboxOrgnr(rawOrgnr);
    return this.rpc.request(SUBJECTS.registry.whoCanAct, { orgnr, sandbox: true }, WhoCanActSchema);
  }
}

function parseSandboxOrgnr(raw: string): Orgnr {
  const orgnr = parseOrgnrParam(raw);
  if (!isSandboxOrgnr(orgnr)) {
    throw new ApierError(
      'not_a_sandbox_company',
      `The sandbox serves only its synthetic companies; ${orgnr} is not one of them`,
      { details: { orgnr, sandbox_orgnrs: [...SANDBOX_ORGNRS] } },
    );
  }
  return orgnr;
}
