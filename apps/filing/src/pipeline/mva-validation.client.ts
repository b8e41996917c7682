import type { MvaValidationResult } from '@apier/mva';
import { parseValideringsresultat } from '@apier/mva';
import type { UpstreamHttp } from './upstream-http';

const VALIDATE_PATH = '/api/mva/grensesnittstoette/mva-melding/valider';

/**
 * Skatteetaten's validation API (reference §3.5): the melding in, a valideringsresultat out, always
 * 200 for content problems. Validating changes nothing, so it is simply asked again on resume.
 */
export class MvaValidationClient {
  private readonly url: string;

  constructor(
    skatteetatenBaseUrl: string,
    private readonly http: UpstreamHttp,
  ) {
    this.url = `${skatteetatenBaseUrl.replace(/\/+$/, '')}${VALIDATE_PATH}`;
  }

  async validate(token: string, meldingXml: string): Promise<MvaValidationResult> {
    const response = await this.http.send({
      method: 'POST',
      url: this.url,
      token,
      headers: { 'content-type': 'application/xml', accept: 'application/xml' },
      body: meldingXml,
    });
    return parseValideringsresultat(response.text);
  }
}
