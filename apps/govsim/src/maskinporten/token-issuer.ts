import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { AltinnAuthState } from '../altinn-auth/altinn-auth-state';
import type { ValidGrant } from './grant-validator';
import { MaskinportenError } from './maskinporten-error';
import type { MaskinportenState } from './maskinporten-state';

/** Issues the RS256 access token Maskinporten would, including the System User details. */
export async function issueAccessToken(
  grant: ValidGrant,
  issuer: string,
  state: MaskinportenState,
  altinn: AltinnAuthState,
) {
  let authorizationDetails: unknown[] | undefined;
  if (grant.systemUser) {
    const found = altinn.findActiveSystemUser(
      grant.client.clientId,
      grant.systemUser.orgnr,
      grant.systemUser.externalRef,
    );
    if (!found) {
      throw new MaskinportenError(
        'invalid_altinn_customer_configuration',
        'MP-303',
        `No active system user found for client ${grant.client.clientId} and organisation ${grant.systemUser.orgnr}`,
      );
    }
    authorizationDetails = [
      {
        type: 'urn:altinn:systemuser',
        systemuser_org: { authority: 'iso6523-actorid-upis', ID: `0192:${grant.systemUser.orgnr}` },
        systemuser_id: [found.user.id],
        system_id: found.system.id,
      },
    ];
  }
  const iat = Math.floor(state.now().getTime() / 1000);
  const expiresIn = state.tokenLifetimeSeconds;
  const accessToken = await new SignJWT({
    client_id: grant.client.clientId,
    client_amr: 'private_key_jwt',
    consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${grant.client.orgnr}` },
    scope: grant.scopes.join(' '),
    token_type: 'Bearer',
    ...(authorizationDetails ? { authorization_details: authorizationDetails } : {}),
  })
    .setProtectedHeader({ alg: 'RS256', kid: state.signingKid, typ: 'at+jwt' })
    .setIssuer(issuer)
    .setAudience('unspecified')
    .setIssuedAt(iat)
    .setExpirationTime(iat + expiresIn)
    .setJti(randomUUID())
    .sign(state.signingKey);
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: expiresIn,
    scope: grant.scopes.join(' '),
  };
}
