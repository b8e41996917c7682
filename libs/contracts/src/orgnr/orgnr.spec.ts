import { checkOrgnr, mod11CheckDigit, OrgnrSchema, stripIso6523 } from './orgnr';

describe('organisation number MOD11', () => {
  it.each(['974760673', '923609016', '991825827', '999999999', '315678420', '315678447'])(
    'accepts %s',
    (orgnr) => {
      expect(checkOrgnr(orgnr)).toEqual({ valid: true, orgnr });
    },
  );

  it('rejects a wrong check digit and names the mod11 check', () => {
    expect(checkOrgnr('123456789')).toMatchObject({ valid: false, failedCheck: 'mod11' });
    expect(checkOrgnr('913238254')).toMatchObject({ valid: false, failedCheck: 'mod11' });
  });

  it.each(['12345678', '1234567890', '12345678a', '', ' 974760673'])('rejects the format of %p', (input) => {
    expect(checkOrgnr(input)).toMatchObject({ valid: false, failedCheck: 'format' });
  });

  it('treats remainder 1 as a number that is never issued', () => {
    // 1·3 + 0… gives sum 12 → remainder 1 → check digit would be 10
    expect(mod11CheckDigit('40000000')).toBeNull();
    for (let d = 0; d <= 9; d += 1) expect(checkOrgnr(`40000000${d}`).valid).toBe(false);
  });

  it('strips the ISO 6523 prefix used by Altinn', () => {
    expect(stripIso6523('0192:999999999')).toBe('999999999');
    expect(stripIso6523('999999999')).toBe('999999999');
  });

  it('reports the failed check through the zod schema', () => {
    const result = OrgnrSchema.safeParse('123456789');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ params: { check: 'mod11' } });
  });
});
