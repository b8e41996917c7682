import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { TEST_BASE_URL, type RunningGovsim } from './govsim-test-app';

const ISSUER = `${TEST_BASE_URL}/maskinporten/`;

export interface SystemUserGrant {
  /** The customer org that owns the System User. */
  orgnr: string;
  externalRef?: string;
}

/**
 * A Maskinporten integration registered in a running govsim, obtaining real tokens from the fake
 * token endpoint with jose-signed grants, the way the auth-broker does.
 */
export class MaskinportenTestClient {
  private constructor(
    private readonly govsim: RunningGovsim,
    readonly clientId: string,
    readonly orgnr: string,
    readonly scopes: string[],
    private readonly privateKey: ReturnType<typeof generateKeyPairSync>['privateKey'],
  ) {}

  static async register(
    govsim: RunningGovsim,
    client: { clientId: string; orgnr: string; scopes: string[] },
  ): Promise<MaskinportenTestClient> {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const response = await govsim.inject({
      method: 'POST',
      url: '/govsim/control/maskinporten/clients',
      payload: {
        client_id: client.clientId,
        orgnr: client.orgnr,
        scopes: client.scopes,
        jwks: [{ ...publicKey.export({ format: 'jwk' }), kid: `${client.clientId}-key` }],
      },
    });
    if (response.statusCode >= 300) throw new Error(`client registration failed: ${response.body}`);
    return new MaskinportenTestClient(govsim, client.clientId, client.orgnr, client.scopes, privateKey);
  }

  /** The raw token endpoint answer, for tests that expect a refusal (e.g. MP-303). */
  async tokenResponse(scopes: string[] = this.scopes, systemUser?: SystemUserGrant) {
    const claims: Record<string, unknown> = { scope: scopes.join(' ') };
    if (systemUser) {
      claims['authorization_details'] = [
        {
          type: 'urn:altinn:systemuser',
          systemuser_org: { authority: 'iso6523-actorid-upis', ID: `0192:${systemUser.orgnr}` },
          ...(systemUser.externalRef ? { externalRef: systemUser.externalRef } : {}),
        },
      ];
    }
    const assertion = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: `${this.clientId}-key` })
      .setIssuer(this.clientId)
      .setAudience(ISSUER)
      .setIssuedAt()
      .setExpirationTime('60s')
      .setJti(randomUUID())
      .sign(this.privateKey);
    return this.govsim.inject({
      method: 'POST',
      url: '/maskinporten/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion,
      }).toString(),
    });
  }

  /** A Maskinporten access token with the given scopes (all registered ones by default). */
  async token(scopes: string[] = this.scopes, systemUser?: SystemUserGrant): Promise<string> {
    const response = await this.tokenResponse(scopes, systemUser);
    if (response.statusCode !== 200) throw new Error(`token request failed: ${response.body}`);
    return response.json().access_token as string;
  }
}
