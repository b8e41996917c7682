import { isValidMod10, withMod10CheckDigit } from './kid-number';

describe('MOD10 KID numbers', () => {
  it.each([
    ['7992739871', '79927398713'],
    ['1234567', '12345674'],
    ['0', '00'],
  ])('completes %s to %s', (digits, kid) => {
    expect(withMod10CheckDigit(digits)).toBe(kid);
    expect(isValidMod10(kid)).toBe(true);
  });

  it('refuses a wrong check digit, letters and a single digit', () => {
    expect(isValidMod10('79927398710')).toBe(false);
    expect(isValidMod10('7992739871X')).toBe(false);
    expect(isValidMod10('7')).toBe(false);
  });
});
