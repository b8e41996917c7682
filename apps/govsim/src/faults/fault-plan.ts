import { mulberry32 } from '../fixtures/prng';
import type { FaultRule } from './fault-rules';

/** Control routes are how a test removes a fault, so they are never faulted themselves. */
const EXEMPT_PREFIX = '/govsim/control';

interface ActiveRule {
  rule: FaultRule;
  /** How many more times the rule may fire; null for no limit. */
  remaining: number | null;
  injected: number;
}

/** `/a/b` matches `/a/b` and `/a/b/c`, not `/a/bc`; `/` matches everything. */
export function pathHasPrefix(path: string, prefix: string): boolean {
  if (prefix === '/' || path === prefix) return true;
  return path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}

/**
 * The fault rules in force and the dice they roll. The generator is re-seeded whenever the rules
 * are replaced, so the same rules against the same request sequence fault the same requests.
 */
export class FaultPlan {
  private rules: ActiveRule[] = [];
  private random: () => number;

  constructor(private readonly seed: number) {
    this.random = mulberry32(seed);
  }

  replace(rules: FaultRule[]): void {
    this.rules = rules.map((rule) => ({ rule, remaining: rule.times ?? null, injected: 0 }));
    this.random = mulberry32(this.seed);
  }

  clear(): void {
    this.rules = [];
  }

  list() {
    return this.rules.map(({ rule, remaining, injected }) => ({ ...rule, remaining, injected }));
  }

  /** The first rule that fires for this path, spending one of its `times`; null lets the request through. */
  faultFor(path: string): FaultRule | null {
    if (pathHasPrefix(path, EXEMPT_PREFIX)) return null;
    for (const active of this.rules) {
      if (active.remaining === 0 || !pathHasPrefix(path, active.rule.route_prefix)) continue;
      // Certain rules never touch the generator, so they stay deterministic next to random ones.
      if (active.rule.probability < 1 && !(this.random() < active.rule.probability)) continue;
      if (active.remaining !== null) active.remaining -= 1;
      active.injected += 1;
      return active.rule;
    }
    return null;
  }
}
