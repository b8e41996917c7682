/** Maskinporten's error body: an OAuth code, a description carrying the MP-nnn id. */
export class MaskinportenError extends Error {
  constructor(
    readonly error: string,
    readonly mpCode: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(`${mpCode}: ${description}`);
  }

  toBody() {
    return { error: this.error, error_description: `${this.mpCode}: ${this.description}` };
  }
}
