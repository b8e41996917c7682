import { findSecretsInLine, redactSecrets } from '@apier/testing';
import { ApproverCookie } from './approver-cookie';
// Beside the real generator, so the suite-wide secret scan follows the format if it changes.
import { generateSessionToken, hashSessionToken } from './approver-session-token';

const detectorsIn = (line: string) => findSecretsInLine(line).map((m) => m.detector);

describe('the secret scan finds approver session cookies', () => {
  it('in Set-Cookie and Cookie headers of either cookie name', () => {
    const token = generateSessionToken();
    for (const secure of [true, false]) {
      const cookie = new ApproverCookie(secure);
      expect(detectorsIn(`set-cookie: ${cookie.set(token, 60)}`)).toEqual(['approver-session']);
      expect(detectorsIn(JSON.stringify({ headers: { cookie: `a=b; ${cookie.name}=${token}` } }))).toEqual([
        'approver-session',
      ]);
    }
    expect(redactSecrets(`__Host-apier_approver=${token}; Path=/`)).toBe(
      '__Host-apier_approver=[SECRET:approver-session]; Path=/',
    );
  });

  it('but not the stored hash or a cleared cookie', () => {
    expect(findSecretsInLine(hashSessionToken(generateSessionToken()))).toEqual([]);
    expect(findSecretsInLine(new ApproverCookie(true).clear())).toEqual([]);
  });
});
