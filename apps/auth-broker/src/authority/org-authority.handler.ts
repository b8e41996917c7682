import { AuthorizeOrgRequestSchema, SUBJECTS } from '@apier/contracts';
import { parsePayload } from '@apier/platform';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { OrgAuthorityService } from './org-authority.service';

@Controller()
export class OrgAuthorityHandler {
  constructor(private readonly authority: OrgAuthorityService) {}

  @MessagePattern(SUBJECTS.auth.authorizeOrg)
  authorize(@Payload() payload: unknown) {
    const request = parsePayload(AuthorizeOrgRequestSchema, payload);
    return this.authority.authorize(request.orgnr, request.scopes, request.fresh);
  }
}
