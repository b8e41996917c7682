/**
 * Exact decimal arithmetic for amounts written as xsd:decimal text: a value is `units / 10^scale`.
 * Floats would turn 14141 × 25 % into 3535.2500000000005 and break the round-down rule (R019).
 */
export interface Amount {
  units: bigint;
  scale: number;
}

const DECIMAL = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/;

export function parseAmount(text: string | undefined): Amount | undefined {
  if (text === undefined) return undefined;
  const match = DECIMAL.exec(text);
  if (!match || (match[2] === '' && !match[3])) return undefined;
  const fraction = match[3] ?? '';
  const units = BigInt(`${match[2] || '0'}${fraction}`);
  return { units: match[1] === '-' ? -units : units, scale: fraction.length };
}

/** Rates are code-list text with a decimal comma: '25', '11,11'. */
export function parseRate(text: string | undefined): Amount | undefined {
  return parseAmount(text?.replace(',', '.'));
}

function align(a: Amount, b: Amount): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

export function add(a: Amount, b: Amount): Amount {
  const [x, y, scale] = align(a, b);
  return { units: x + y, scale };
}

export function compare(a: Amount, b: Amount): number {
  const [x, y] = align(a, b);
  return x === y ? 0 : x < y ? -1 : 1;
}

export function sign(a: Amount): number {
  return a.units === 0n ? 0 : a.units < 0n ? -1 : 1;
}

export function abs(a: Amount): Amount {
  return { units: a.units < 0n ? -a.units : a.units, scale: a.scale };
}

export function isWhole(a: Amount): boolean {
  return a.units % 10n ** BigInt(a.scale) === 0n;
}

export const ZERO: Amount = { units: 0n, scale: 0 };

export function sum(amounts: Amount[]): Amount {
  return amounts.reduce(add, ZERO);
}

export function fromInteger(n: bigint): Amount {
  return { units: n, scale: 0 };
}

/** basis × rate / 100 as an exact fraction `numerator / denominator` (denominator > 0). */
export function vatFraction(basis: Amount, rate: Amount): { numerator: bigint; denominator: bigint } {
  return {
    numerator: basis.units * rate.units,
    denominator: 10n ** BigInt(basis.scale + rate.scale) * 100n,
  };
}

/** Whole kroner, rounded down (towards −∞) and truncated (towards 0). */
export function wholeKroner(f: { numerator: bigint; denominator: bigint }): { floor: bigint; trunc: bigint } {
  const trunc = f.numerator / f.denominator;
  const floor = f.numerator % f.denominator !== 0n && f.numerator < 0n ? trunc - 1n : trunc;
  return { floor, trunc };
}
