import { ApierError } from '@apier/contracts';
import { remainingBudget } from '@apier/platform';
import { z } from 'zod';
import { signJwtGrant, type SystemUserOrg } from './jwt-grant';
import type { SigningKey } from './signing-keys';

const MetadataSchema = z.object({ issuer: z.string(), token_endpoint: z.url() });
const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().int().positive(),
  scope: z.string().optional(),
});
const ErrorResponseSchema = z.object({ error: z.string(), error_description: z.string().optional() });

export interface MaskinportenClientOptions {
  /** The issuer URL; its well-known metadata names the token endpoint and the exact audience. */
  issuer: string;
  clientId: string;
  keys: SigningKey[];
  grantLifetimeSeconds: number;
  timeoutMs: number;
  now?: () => Date;
}

export interface MaskinportenToken {
  accessToken: string;
  expiresInSeconds: number;
  /** Logged instead of the token: the grant's id. */
  grantJti: string;
}

/**
 * Obtains Maskinporten access tokens with a signed JWT grant. Errors become typed: a missing or
 * revoked System User (MP-303) is `delegation_inactive` and never retried; other refusals are
 * configuration problems; only transport failures and 5xx are retryable.
 */
export class MaskinportenClient {
  private metadata: Promise<z.infer<typeof MetadataSchema>> | undefined;
  private readonly now: () => Date;

  constructor(private readonly options: MaskinportenClientOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async requestToken(scopes: readonly string[], systemUser?: SystemUserOrg): Promise<MaskinportenToken> {
    const { issuer, token_endpoint } = await this.discover();
    const { assertion, jti } = await signJwtGrant(
      {
        clientId: this.options.clientId,
        audience: issuer,
        scopes,
        lifetimeSeconds: this.options.grantLifetimeSeconds,
        now: this.now(),
        ...(systemUser ? { systemUser } : {}),
      },
      this.options.keys[0]!,
    );
    const body = new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion,
    });
    const response = await this.send(token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const json = await response.json().catch(() => null);
    if (response.ok) {
      const token = TokenResponseSchema.safeParse(json);
      if (!token.success)
        throw new ApierError('upstream_bad_response', 'Maskinporten answered 200 without a usable token');
      return { accessToken: token.data.access_token, expiresInSeconds: token.data.expires_in, grantJti: jti };
    }
    throw this.refusal(response.status, json, systemUser);
  }

  private discover() {
    this.metadata ??= this.send(
      new URL('.well-known/oauth-authorization-server', withSlash(this.options.issuer)).toString(),
      {},
    )
      .then(async (response) => {
        const parsed = MetadataSchema.safeParse(await response.json().catch(() => null));
        if (!response.ok || !parsed.success)
          throw new ApierError('upstream_bad_response', 'Maskinporten metadata is unusable', {
            details: { status: response.status },
          });
        return parsed.data;
      })
      .catch((error: unknown) => {
        this.metadata = undefined; // retry discovery on the next call
        throw error;
      });
    return this.metadata;
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    const timeoutMs = remainingBudget(this.options.timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new ApierError('upstream_unavailable', 'Maskinporten could not be reached', {
        details: { upstream: 'maskinporten' },
        cause: error,
      });
    }
    if (response.status >= 500 || response.status === 429) {
      throw new ApierError('upstream_unavailable', `Maskinporten answered ${response.status}`, {
        details: {
          upstream: 'maskinporten',
          status: response.status,
          retry_after: response.headers.get('retry-after'),
        },
      });
    }
    return response;
  }

  private refusal(status: number, body: unknown, systemUser: SystemUserOrg | undefined): ApierError {
    const parsed = ErrorResponseSchema.safeParse(body);
    const error = parsed.success ? parsed.data.error : 'unknown';
    const mpCode = parsed.success
      ? (/MP-\d{3}/.exec(parsed.data.error_description ?? '')?.[0] ?? null)
      : null;
    if (error === 'invalid_altinn_customer_configuration' || mpCode === 'MP-303') {
      return new ApierError(
        'delegation_inactive',
        'Maskinporten found no active System User for this organisation',
        {
          details: { orgnr: systemUser?.orgnr ?? null, maskinporten_error: error, maskinporten_code: mpCode },
        },
      );
    }
    return new ApierError(
      'maskinporten_rejected',
      `Maskinporten refused the grant (${error}${mpCode ? `, ${mpCode}` : ''})`,
      {
        details: { status, maskinporten_error: error, maskinporten_code: mpCode },
      },
    );
  }
}

const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);
