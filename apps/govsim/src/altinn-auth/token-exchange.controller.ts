import { Controller, Get, Headers, Inject, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { GOVSIM_OPTIONS, type GovsimOptions } from '../govsim-options';
import { AltinnTokenAuthority, vendorOrgnrOf } from './altinn-token-authority';
import { bearerToken } from './vendor-bearer.guard';

/** Provider names Altinn accepts (case-insensitive); only Maskinporten is simulated. */
const KNOWN_PROVIDERS = new Set(['maskinporten', 'id-porten', 'altinnstudio']);

/** Altinn's token exchange and the OpenID metadata a verifier of its tokens needs. */
@Controller('authentication/api/v1')
export class TokenExchangeController {
  private readonly openIdBase: string;

  constructor(
    private readonly tokens: AltinnTokenAuthority,
    @Inject(GOVSIM_OPTIONS) options: GovsimOptions,
  ) {
    this.openIdBase = `${options.publicBaseUrl}/authentication/api/v1/openid/.well-known/openid-configuration`;
  }

  /**
   * Maskinporten token in, Altinn token out, as a bare string (JSON-quoted when the client asks for
   * JSON). ID-porten and Altinn Studio are known providers but not simulated, so their tokens get 401.
   */
  @Get('exchange/:provider')
  async exchange(
    @Param('provider') provider: string,
    @Headers('authorization') authorization: string | undefined,
    @Headers('accept') accept: string | undefined,
    @Headers('x-altinn-enterpriseuser-authentication') enterpriseUser: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (enterpriseUser !== undefined) return void reply.code(410).send();
    if (!KNOWN_PROVIDERS.has(provider.toLowerCase())) return void reply.code(400).send();
    const token = provider.toLowerCase() === 'maskinporten' ? bearerToken(authorization) : null;
    const claims = token ? await this.tokens.verifyMaskinportenToken(token) : null;
    const vendorOrgnr = claims ? vendorOrgnrOf(claims) : null;
    if (!claims || !vendorOrgnr) return void reply.code(401).send();
    const altinnToken = await this.tokens.exchange(claims, vendorOrgnr);
    void reply.header('cache-control', 'no-store');
    if (accept?.includes('application/json')) {
      void reply.type('application/json; charset=utf-8').send(JSON.stringify(altinnToken));
      return;
    }
    void reply.type('text/plain; charset=utf-8').send(altinnToken);
  }

  @Get('openid/.well-known/openid-configuration')
  openIdConfiguration() {
    return {
      issuer: this.tokens.issuer,
      jwks_uri: `${this.openIdBase}/jwks`,
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_signing_alg_values_supported: ['RS256'],
    };
  }

  @Get('openid/.well-known/openid-configuration/jwks')
  jwks() {
    return { keys: [this.tokens.publicJwk] };
  }
}
