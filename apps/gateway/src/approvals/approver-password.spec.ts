import { dummyPasswordHash, generatePassword, hashPassword, verifyPassword } from './approver-password';

describe('approver passwords (scrypt)', () => {
  it('are stored with their parameters and a salt of their own', async () => {
    const [a, b] = await Promise.all([
      hashPassword('correct horse battery'),
      hashPassword('correct horse battery'),
    ]);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct horse');
  });

  it('verify the right password only', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('treat composed and decomposed characters alike (NFC)', async () => {
    const stored = await hashPassword('blåbærsyltetøy!');
    expect(await verifyPassword('bla\u030abærsyltetøy!', stored)).toBe(true);
  });

  it('never match a tampered or malformed stored hash', async () => {
    const stored = await hashPassword('correct horse battery');
    const parts = stored.split('$');
    const otherKey = [...parts.slice(0, 5), Buffer.alloc(32, 1).toString('base64')].join('$');
    for (const bad of [
      otherKey,
      'plain',
      '',
      'scrypt$x$8$1$c2FsdA==$a2V5',
      parts.slice(0, 5).join('$'),
      'bcrypt$1$2$3$4$5',
    ]) {
      expect(await verifyPassword('correct horse battery', bad)).toBe(false);
    }
  });

  it('generate strong passwords and a dummy hash nobody can match', async () => {
    expect(generatePassword()).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(generatePassword()).not.toBe(generatePassword());
    expect(await verifyPassword('', await dummyPasswordHash())).toBe(false);
  });
});
