/** Synthetic organisations that the zero-auth sandbox serves; any other orgnr is refused there. */
export const SANDBOX_ORGNRS: readonly string[] = ['999999999'];

export function isSandboxOrgnr(orgnr: string): boolean {
  return SANDBOX_ORGNRS.includes(orgnr);
}
