/**
 * KID (kundeidentifikasjonsnummer) as Norwegian banks check it: 2–25 characters, digits with the last
 * one a MOD10 (Luhn) or MOD11 check digit; a MOD11 remainder of 10 is written as a trailing '-'.
 */
export function isValidKid(kid: string): boolean {
  if (!/^\d+-?$/.test(kid) || kid.length < 2 || kid.length > 25) return false;
  const body = kid.slice(0, -1);
  const check = kid.slice(-1);
  if (check === '-') return mod11CheckDigit(body) === '-';
  return luhnCheckDigit(body) === check || mod11CheckDigit(body) === check;
}

function luhnCheckDigit(body: string): string {
  let total = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    total += digit;
  }
  return String((10 - (total % 10)) % 10);
}

function mod11CheckDigit(body: string): string {
  let total = 0;
  for (let i = 0; i < body.length; i++) total += Number(body[body.length - 1 - i]) * (2 + (i % 6));
  const remainder = 11 - (total % 11);
  return remainder === 11 ? '0' : remainder === 10 ? '-' : String(remainder);
}
