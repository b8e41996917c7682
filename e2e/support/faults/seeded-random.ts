/**
 * A small seeded generator (mulberry32), so a fault run that found something can be replayed with
 * the same kill moments and delays: the seed is printed with the figures.
 */
export class SeededRandom {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
}

/** The seed from FAULT_SEED when a run is being replayed, otherwise the scenario's fixed one. */
export function faultSeed(fallback: number): number {
  const given = Number(process.env['FAULT_SEED']);
  return Number.isInteger(given) && given > 0 ? given : fallback;
}
