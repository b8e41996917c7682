import type { GovsimWorld } from '../fixtures/govsim-world';

/**
 * Altinn's register of parties, as far as the app needs it: every organisation in the simulated
 * world is a party. The first eight digits of an organisation number decide the ninth (MOD11), so
 * `5` followed by them is a stable, collision-free party id that stays the same run after run.
 */
export class PartyDirectory {
  constructor(private readonly world: GovsimWorld) {}

  /** Null when Altinn's register would not know the organisation. */
  partyIdFor(orgnr: string): string | null {
    if (!/^\d{9}$/.test(orgnr) || !this.world.company(orgnr)) return null;
    return `5${orgnr.slice(0, 8)}`;
  }

  /** The organisation behind a party id, or null for a party the world does not have. */
  orgnrFor(partyId: string): string | null {
    if (!/^5\d{8}$/.test(partyId)) return null;
    for (let check = 0; check <= 9; check += 1) {
      const orgnr = `${partyId.slice(1)}${check}`;
      if (this.world.company(orgnr)) return orgnr;
    }
    return null;
  }
}
