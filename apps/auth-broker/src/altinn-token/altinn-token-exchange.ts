import { ApierError } from '@apier/contracts';
import { remainingBudget } from '@apier/platform';
import { decodeJwt } from 'jose';

export interface AltinnTokenExchangeOptions {
  /** The platform origin, e.g. https://platform.tt02.altinn.no (govsim in tests). */
  platformUrl: string;
  timeoutMs: number;
}

export interface ExchangedToken {
  accessToken: string;
  /** Epoch seconds of the Altinn token's `exp` claim. */
  expiresAt: number;
}

/**
 * Altinn's token exchange (reference altinn-auth §3): a Maskinporten token in, an Altinn token out
 * as a bare string. 401 means Altinn does not accept the Maskinporten token; unreachable, 429 and
 * 5xx are retryable. Neither token is ever put in an error or a log line.
 */
export class AltinnTokenExchange {
  private readonly url: string;

  constructor(private readonly options: AltinnTokenExchangeOptions) {
    this.url = `${options.platformUrl.replace(/\/+$/, '')}/authentication/api/v1/exchange/maskinporten`;
  }

  async exchange(maskinportenToken: string): Promise<ExchangedToken> {
    const details = { upstream: 'altinn', operation: 'GET /authentication/api/v1/exchange/maskinporten' };
    let response: Response;
    try {
      response = await fetch(this.url, {
        headers: { authorization: `Bearer ${maskinportenToken}`, accept: 'text/plain' },
        signal: AbortSignal.timeout(Math.max(1, remainingBudget(this.options.timeoutMs))),
      });
    } catch (error) {
      throw new ApierError('upstream_unavailable', 'Altinn could not be reached', { details, cause: error });
    }
    const text = await response.text().catch(() => '');
    if (response.status >= 500 || response.status === 429) {
      throw new ApierError('upstream_unavailable', `Altinn answered ${response.status}`, {
        details: {
          ...details,
          altinn_status: response.status,
          retry_after: response.headers.get('retry-after'),
        },
      });
    }
    if (!response.ok) {
      throw new ApierError('altinn_rejected', `Altinn refused the token exchange (${response.status})`, {
        details: { ...details, altinn_status: response.status, altinn_code: null },
      });
    }
    // Some clients see the token JSON-quoted; strip the quotes either way.
    const accessToken = text.trim().replace(/^"(.*)"$/s, '$1');
    return { accessToken, expiresAt: expiryOf(accessToken) };
  }
}

function expiryOf(token: string): number {
  try {
    const { exp } = decodeJwt(token);
    if (typeof exp === 'number') return exp;
  } catch {
    // falls through to the refusal below
  }
  throw new ApierError(
    'upstream_bad_response',
    'Altinn answered the exchange with something that is not a token',
    {
      details: { upstream: 'altinn' },
    },
  );
}
