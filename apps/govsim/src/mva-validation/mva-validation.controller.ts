import { randomUUID } from 'node:crypto';
import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AltinnTokenAuthority, scopesOf } from '../altinn-auth/altinn-token-authority';
import { bearerToken } from '../altinn-auth/vendor-bearer.guard';
import { mediaType } from '../altinn-apps/data-upload-rules';
import { SimulatedMvaValidator } from './simulated-mva-validator';

export const VALIDATION_SCOPE = 'skatteetaten:mvameldingvalidering';

/**
 * Skatteetaten's dry-run validation (reference §3.5): a bearer token with the validation scope
 * (401/403 without body otherwise), an `application/xml` body (415 otherwise), and then always 200
 * with the verdict in a `valideringsresultat`.
 */
@Controller('skatteetaten/api/mva/grensesnittstoette/mva-melding')
export class MvaValidationController {
  constructor(
    private readonly tokens: AltinnTokenAuthority,
    private readonly validator: SimulatedMvaValidator,
  ) {}

  @Post('valider')
  @HttpCode(200)
  async validate(
    @Headers('authorization') authorization: string | undefined,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const token = bearerToken(authorization);
    const verified = token ? await this.tokens.verify(token) : null;
    if (!verified) return void reply.code(401).header('www-authenticate', 'Bearer').send();
    if (!scopesOf(verified.claims).has(VALIDATION_SCOPE)) return void reply.code(403).send();
    if (mediaType(contentType) !== 'application/xml' || !Buffer.isBuffer(body))
      return void reply
        .code(415)
        .type('application/json; charset=utf-8')
        .send(
          JSON.stringify({
            kode: 'UGYLDIG_INNHOLDSTYPE',
            melding: 'Mva-meldingen må sendes med Content-Type application/xml',
            korrelasjonsid: randomUUID(),
          }),
        );
    const result = this.validator.validate(body.toString('utf8'));
    void reply.code(200).type('application/xml; charset=utf-8').send(this.validator.render(result));
  }
}
