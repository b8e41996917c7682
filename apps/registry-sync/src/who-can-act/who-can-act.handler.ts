import { CompanyContextRequestSchema, SUBJECTS } from '@apier/contracts';
import { parsePayload } from '@apier/platform';
import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CompanyContextService } from '../company-context/company-context.service';
import { ER_ROLE_PACKAGES } from '../registry-sync.tokens';
import { deriveWhoCanAct } from './derive-who-can-act';
import type { ErRolePackages } from './er-role-packages';

/** Production and sandbox alike: build the company context, then derive who can bind the company. */
@Controller()
export class WhoCanActHandler {
  constructor(
    private readonly contexts: CompanyContextService,
    @Inject(ER_ROLE_PACKAGES) private readonly packages: ErRolePackages,
  ) {}

  @MessagePattern(SUBJECTS.registry.whoCanAct)
  async whoCanAct(@Payload() payload: unknown) {
    const request = parsePayload(CompanyContextRequestSchema, payload);
    return deriveWhoCanAct(await this.contexts.build(request.orgnr, request.sandbox), this.packages);
  }
}
