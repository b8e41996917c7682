import { z } from 'zod';

/** Weights for the first eight digits of an organisasjonsnummer (Brønnøysund MOD11). */
const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

declare const orgnrBrand: unique symbol;
/** A nine-digit Norwegian organisation number whose MOD11 check digit is correct. */
export type Orgnr = string & { readonly [orgnrBrand]: true };

export type OrgnrCheck = 'format' | 'mod11';

export type OrgnrVerdict =
  { valid: true; orgnr: Orgnr } | { valid: false; failedCheck: OrgnrCheck; reason: string };

/** The check digit for eight leading digits, or null when the remainder makes the number unissuable. */
export function mod11CheckDigit(firstEight: string): number | null {
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(firstEight[i]), 0);
  const remainder = sum % 11;
  if (remainder === 0) return 0;
  if (remainder === 1) return null;
  return 11 - remainder;
}

export function checkOrgnr(input: string): OrgnrVerdict {
  if (!/^\d{9}$/.test(input)) {
    return { valid: false, failedCheck: 'format', reason: 'An organisation number is exactly nine digits.' };
  }
  const expected = mod11CheckDigit(input.slice(0, 8));
  if (expected === null || expected !== Number(input[8])) {
    return {
      valid: false,
      failedCheck: 'mod11',
      reason: 'The MOD11 check digit (weights 3,2,7,6,5,4,3,2) does not match the ninth digit.',
    };
  }
  return { valid: true, orgnr: input as Orgnr };
}

export function isOrgnr(input: string): input is Orgnr {
  return checkOrgnr(input).valid;
}

/** Accepts the ISO 6523 form `0192:<orgnr>` used by Altinn and Maskinporten as well as the bare number. */
export function stripIso6523(input: string): string {
  return input.startsWith('0192:') ? input.slice(5) : input;
}

export const OrgnrSchema = z
  .string()
  .superRefine((value, ctx) => {
    const verdict = checkOrgnr(value);
    if (!verdict.valid) {
      ctx.addIssue({ code: 'custom', message: verdict.reason, params: { check: verdict.failedCheck } });
    }
  })
  .transform((value) => value as Orgnr)
  .meta({
    description: 'Nine-digit organisation number with a valid MOD11 check digit (weights 3,2,7,6,5,4,3,2)',
    pattern: '^[0-9]{9}$',
    examples: ['999999999'],
  });
