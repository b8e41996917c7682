import { SUBJECTS, SystemUserAltinnTokenRequestSchema } from '@apier/contracts';
import { parsePayload } from '@apier/platform';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SystemUserAltinnTokens } from './system-user-altinn-tokens';

/** Internal subject of the filing pipeline; the reply carries a token and is never logged. */
@Controller()
export class SystemUserAltinnTokenHandler {
  constructor(private readonly tokens: SystemUserAltinnTokens) {}

  @MessagePattern(SUBJECTS.auth.systemUserAltinnToken)
  issue(@Payload() payload: unknown) {
    return this.tokens.issue(parsePayload(SystemUserAltinnTokenRequestSchema, payload));
  }
}
