import { CompanyContextRequestSchema, SUBJECTS } from '@apier/contracts';
import { parsePayload } from '@apier/platform';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CompanyContextService } from './company-context.service';

@Controller()
export class CompanyContextHandler {
  constructor(private readonly service: CompanyContextService) {}

  @MessagePattern(SUBJECTS.registry.companyContext)
  companyContext(@Payload() payload: unknown) {
    const request = parsePayload(CompanyContextRequestSchema, payload);
    return this.service.build(request.orgnr, request.sandbox);
  }
}
