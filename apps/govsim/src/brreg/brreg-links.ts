/**
 * Builds the HAL links Brreg puts in every body. They point at wherever govsim is served
 * (publicBaseUrl), so a client can follow them back to the simulator exactly as it would to
 * data.brreg.no.
 */
export class BrregLinks {
  readonly api: string;

  constructor(publicBaseUrl: string) {
    this.api = `${publicBaseUrl.replace(/\/+$/, '')}/enhetsregisteret/api`;
  }

  /** A link to this API for a request path such as `/enhetsregisteret/api/enheter?navn=x`. */
  forRequest(pathAndQuery: string): string {
    const prefix = '/enhetsregisteret/api';
    return `${this.api}${pathAndQuery.startsWith(prefix) ? pathAndQuery.slice(prefix.length) : pathAndQuery}`;
  }

  enhet(orgnr: string): string {
    return `${this.api}/enheter/${orgnr}`;
  }

  underenhet(orgnr: string): string {
    return `${this.api}/underenheter/${orgnr}`;
  }

  organisasjonsform(kode: string): string {
    return `${this.api}/organisasjonsformer/${kode}`;
  }

  rollegruppetype(kode: string): string {
    return `${this.api}/roller/rollegruppetyper/${kode}`;
  }

  rolletype(kode: string): string {
    return `${this.api}/roller/rolletyper/${kode}`;
  }

  valgtAv(kode: string): string {
    return `${this.api}/roller/valgtav/${kode}`;
  }
}

export const selfLink = (href: string) => ({ self: { href } });
