import {
  type CompanyContext,
  CompanyContextSchema,
  SUBJECTS,
  type WhoCanAct,
  WhoCanActSchema,
} from '@apier/contracts';
import type { RpcClient } from '@apier/platform';
import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { PublicRateLimitGuard } from '../rate-limit/public-rate-limit.guard';
import { RPC_CLIENT } from '../gateway.tokens';
import { parseSandboxOrgnr } from './sandbox-orgnr';

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
