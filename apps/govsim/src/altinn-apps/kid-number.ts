/** Appends a MOD10 (Luhn) check digit, as Norwegian KID numbers carry. */
export function withMod10CheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return `${digits}${(10 - (sum % 10)) % 10}`;
}

export function isValidMod10(kid: string): boolean {
  return /^\d{2,}$/.test(kid) && withMod10CheckDigit(kid.slice(0, -1)) === kid;
}
