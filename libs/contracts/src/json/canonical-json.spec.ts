import { CanonicalJsonError, canonicalJson } from './canonical-json';

const double = (bits: string) => Buffer.from(bits, 'hex').readDoubleBE(0);

describe('RFC 8785 canonical JSON', () => {
  it('reproduces the example of RFC 8785 §3.2.2', () => {
    const parsed = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        ' "literals": [null, true, false]}',
    );
    expect(canonicalJson(parsed)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts member names by UTF-16 code units (RFC 8785 §3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control",' +
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
        '"\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serialises the IEEE 754 double %s as %s (RFC 8785 Appendix B)', (bits, expected) => {
    expect(canonicalJson(double(bits))).toBe(expected);
    expect(canonicalJson({ n: [double(bits)] })).toBe(`{"n":[${expected}]}`);
  });

  it.each([
    ['NaN', double('7fffffffffffffff')],
    ['Infinity', double('7ff0000000000000')],
    ['-Infinity', -Infinity],
  ])('refuses %s', (_name, value) => {
    expect(() => canonicalJson({ a: [value] })).toThrow(new CanonicalJsonError('Non-finite number', '/a/0'));
  });

  it('escapes only what JSON requires and keeps the rest as UTF-8 text', () => {
    expect(canonicalJson('\u0000\u001f\u007f\u2028 æøå 😀 \t\b\f')).toBe(
      '"\\u0000\\u001f\u007f\u2028 æøå 😀 \\t\\b\\f"',
    );
  });

  it('refuses lone surrogates in strings and names, and BigInt', () => {
    expect(() => canonicalJson({ s: 'a\ud800' })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ s: '\udc00b' })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ '\ud800': 1 })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ n: 1n })).toThrow(/BigInt has no JSON form at \/n/);
  });

  it('reads values through the JSON data model', () => {
    expect(
      canonicalJson({
        b: undefined,
        a: [undefined, () => 1, new Date('2026-11-25T12:00:00.000Z')],
        c: { z: null, y: {}, x: [] },
      }),
    ).toBe('{"a":[null,null,"2026-11-25T12:00:00.000Z"],"c":{"x":[],"y":{},"z":null}}');
    expect(() => canonicalJson(undefined)).toThrow(CanonicalJsonError);
  });

  it('is independent of member order and whitespace of the source', () => {
    const a = JSON.parse('{ "b": [1, {"d": 2, "c": 3}], "a": "x" }');
    const b = JSON.parse('{"a":"x","b":[1,{"c":3,"d":2}]}');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":"x","b":[1,{"c":3,"d":2}]}');
  });
});
