import { Body, Controller, Get, Headers, HttpCode, Inject, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AltinnAuthState } from '../altinn-auth/altinn-auth-state';
import { GOVSIM_OPTIONS, type GovsimOptions } from '../govsim-options';
import { validateGrant } from './grant-validator';
import { MaskinportenError } from './maskinporten-error';
import { MaskinportenState } from './maskinporten-state';
import { issueAccessToken } from './token-issuer';

const GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

@Controller('maskinporten')
export class MaskinportenController {
  private readonly issuer: string;

  constructor(
    private readonly state: MaskinportenState,
    private readonly altinn: AltinnAuthState,
    @Inject(GOVSIM_OPTIONS) options: GovsimOptions,
  ) {
    this.issuer = `${options.publicBaseUrl}/maskinporten/`;
  }

  @Get('.well-known/oauth-authorization-server')
  metadata() {
    return {
      issuer: this.issuer,
      token_endpoint: `${this.issuer}token`,
      jwks_uri: `${this.issuer}jwk`,
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      grant_types_supported: [GRANT_TYPE],
      token_endpoint_auth_signing_alg_values_supported: ['RS256', 'RS384', 'RS512'],
      authorization_details_types_supported: ['urn:altinn:systemuser', 'urn:altinn:consent'],
    };
  }

  @Get('jwk')
  jwks() {
    return { keys: [this.state.publicJwk] };
  }

  @Post('token')
  @HttpCode(200)
  async token(
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const form = (body ?? {}) as Record<string, string>;
    const assertion = form['assertion'];
    try {
      if (!contentType?.startsWith('application/x-www-form-urlencoded')) {
        throw new MaskinportenError(
          'invalid_request',
          'MP-011',
          'The token request must be application/x-www-form-urlencoded',
        );
      }
      if (form['grant_type'] !== GRANT_TYPE)
        throw new MaskinportenError(
          'unsupported_grant_type',
          'MP-011',
          `Unsupported grant_type ${String(form['grant_type'])}`,
        );
      if (!assertion) throw new MaskinportenError('invalid_request', 'MP-011', 'Missing assertion');
      const grant = await validateGrant(assertion, this.issuer, this.state);
      try {
        const token = await issueAccessToken(grant, this.issuer, this.state, this.altinn);
        this.log(
          grant.payload.jti,
          grant.client.clientId,
          grant.scopes,
          grant.systemUser?.orgnr ?? null,
          'issued',
        );
        return token;
      } catch (error) {
        this.log(
          grant.payload.jti,
          grant.client.clientId,
          grant.scopes,
          grant.systemUser?.orgnr ?? null,
          (error as MaskinportenError).mpCode ?? 'error',
        );
        throw error;
      }
    } catch (error) {
      if (!(error instanceof MaskinportenError)) throw error;
      void reply.status(error.status).header('cache-control', 'no-store');
      return error.toBody();
    }
  }

  private log(jti: unknown, clientId: string, scopes: string[], orgnr: string | null, outcome: string): void {
    this.state.grants.push({
      jti: String(jti),
      clientId,
      scopes,
      systemUserOrg: orgnr,
      outcome,
      at: this.state.now().toISOString(),
    });
  }
}
