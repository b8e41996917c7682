import { Controller, Get, Header, Inject } from '@nestjs/common';
import { OPENAPI_DOCUMENT } from '../gateway.tokens';

@Controller('docs')
export class DocsController {
  constructor(@Inject(OPENAPI_DOCUMENT) private readonly document: Record<string, unknown>) {}

  @Get()
  @Header('content-type', 'application/json; charset=utf-8')
  spec(): Record<string, unknown> {
    return this.document;
  }

  @Get('openapi.json')
  @Header('content-type', 'application/json; charset=utf-8')
  specFile(): Record<string, unknown> {
    return this.document;
  }
}
