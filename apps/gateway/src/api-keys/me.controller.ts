import { Controller, Get } from '@nestjs/common';
import { type CallerIdentityView, toCallerIdentityView } from './api-key-views';
import { ApiKeyService } from './api-key.service';
import { Authenticated } from './authenticated.decorator';
import { Caller } from './caller.decorator';

@Controller('api/v1/me')
export class MeController {
  constructor(private readonly apiKeys: ApiKeyService) {}

  @Get()
  @Authenticated()
  async me(@Caller() caller: Caller): Promise<CallerIdentityView> {
    return toCallerIdentityView(await this.apiKeys.describe(caller));
  }
}
