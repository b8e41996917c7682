import { findSecretsInLine, redactSecrets } from '@apier/testing';
import { randomUUID } from 'node:crypto';
// Beside the real generator, so the suite-wide secret scan follows the token format if it changes.
import { generateApprovalToken, hashApprovalToken } from './approval-token-format';

const detectorsIn = (line: string) => findSecretsInLine(line).map((m) => m.detector);

describe('the secret scan finds approval tokens', () => {
  it('bare, in a header, in a JSON log line and in an HTML page', () => {
    const token = generateApprovalToken();
    expect(detectorsIn(token)).toEqual(['approval-token']);
    expect(detectorsIn(`approval-token: ${token}`)).toEqual(['approval-token']);
    expect(detectorsIn(JSON.stringify({ msg: 'x', body: { approval_token: token } }))).toEqual([
      'approval-token',
    ]);
    expect(detectorsIn(`<code id="approval-token">${token}</code>`)).toEqual(['approval-token']);
    expect(redactSecrets(`token=${token};`)).toBe('token=[SECRET:approval-token];');
  });

  it('but not their hash, the request id or the prefix alone', () => {
    const token = generateApprovalToken();
    expect(
      findSecretsInLine(JSON.stringify({ token_hash: hashApprovalToken(token), id: randomUUID() })),
    ).toEqual([]);
    expect(findSecretsInLine('tokens look like apier_approval_…')).toEqual([]);
  });
});
