import {
  ConfirmDelegationRequestSchema,
  CreateDelegationRequestSchema,
  GetDelegationRequestSchema,
  ListDelegationsRequestSchema,
  SUBJECTS,
} from '@apier/contracts';
import { parsePayload } from '@apier/platform';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DelegationConfirmation } from './delegation-confirmation';
import { DelegationService } from './delegation.service';

/** NATS edge of the delegation lifecycle: validate, then delegate to the domain classes. */
@Controller()
export class DelegationHandler {
  constructor(
    private readonly delegations: DelegationService,
    private readonly confirmation: DelegationConfirmation,
  ) {}

  @MessagePattern(SUBJECTS.auth.delegation.createRequest)
  createRequest(@Payload() payload: unknown) {
    const request = parsePayload(CreateDelegationRequestSchema, payload);
    return this.delegations.createRequest(request.accountId, request.orgnr, request.access_packages);
  }

  @MessagePattern(SUBJECTS.auth.delegation.get)
  get(@Payload() payload: unknown) {
    const request = parsePayload(GetDelegationRequestSchema, payload);
    return this.delegations.get(request.accountId, request.id);
  }

  @MessagePattern(SUBJECTS.auth.delegation.list)
  list(@Payload() payload: unknown) {
    const request = parsePayload(ListDelegationsRequestSchema, payload);
    return this.delegations.list(request.accountId, request.orgnr);
  }

  @MessagePattern(SUBJECTS.auth.delegation.confirm)
  confirm(@Payload() payload: unknown) {
    const request = parsePayload(ConfirmDelegationRequestSchema, payload);
    return this.confirmation.confirm(request.accountId, request.orgnr, request.access_packages);
  }
}
