import { randomBytes } from 'node:crypto';
import { TokenSealer } from './token-sealer';

describe('TokenSealer', () => {
  const sealer = new TokenSealer(randomBytes(32));

  it('round-trips and never repeats a ciphertext', () => {
    const a = sealer.seal('eyJhbGciOi.payload.sig', 'k');
    expect(sealer.open(a, 'k')).toBe('eyJhbGciOi.payload.sig');
    expect(sealer.seal('eyJhbGciOi.payload.sig', 'k')).not.toBe(a);
  });

  it('refuses tampered values', () => {
    const raw = Buffer.from(sealer.seal('secret', 'k'), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(sealer.open(raw.toString('base64'), 'k')).toBeNull();
    expect(sealer.open('not base64 at all', 'k')).toBeNull();
  });

  it('requires a 256-bit key', () => {
    expect(() => new TokenSealer(randomBytes(16))).toThrow(/32 bytes/);
  });
});
