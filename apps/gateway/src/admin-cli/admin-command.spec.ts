import { parseAdminCommand, UsageError } from './admin-command';

describe('apier command line', () => {
  const account = '6f1c1d2e-6a3b-4c1f-9e55-0b1f7c2d9a10';

  it('reads every command', () => {
    expect(parseAdminCommand(['accounts', 'create', '--name', 'Regnskap AS'])).toEqual({
      kind: 'accounts.create',
      name: 'Regnskap AS',
    });
    expect(parseAdminCommand(['accounts', 'list'])).toEqual({ kind: 'accounts.list' });
    expect(parseAdminCommand(['accounts', 'disable', account])).toEqual({
      kind: 'accounts.disable',
      accountId: account,
    });
    expect(
      parseAdminCommand([
        'keys',
        'issue',
        '--account',
        account,
        '--mode',
        'live',
        '--name',
        'erp',
        '--scopes',
        'company:read, actions:write,company:read',
        '--expires-at',
        '2027-01-31T00:00:00Z',
      ]),
    ).toEqual({
      kind: 'keys.issue',
      accountId: account,
      mode: 'live',
      name: 'erp',
      scopes: ['company:read', 'actions:write'],
      expiresAt: new Date('2027-01-31T00:00:00Z'),
    });
    expect(parseAdminCommand(['keys', 'list', '--account', account])).toEqual({
      kind: 'keys.list',
      accountId: account,
    });
    expect(parseAdminCommand(['keys', 'revoke', 'abcDEF123456'])).toEqual({
      kind: 'keys.revoke',
      keyId: 'abcDEF123456',
    });
    expect(parseAdminCommand([])).toEqual({ kind: 'help' });
    expect(parseAdminCommand(['keys', '--help'])).toEqual({ kind: 'help' });
  });

  it('gives read-only scopes and a name by default, and no scopes when asked for none', () => {
    expect(parseAdminCommand(['keys', 'issue', '--account', account, '--mode', 'test'])).toMatchObject({
      name: 'test key',
      scopes: ['company:read', 'delegations:read', 'actions:read'],
      expiresAt: null,
    });
    expect(
      parseAdminCommand(['keys', 'issue', '--account', account, '--mode', 'test', '--scopes', '']),
    ).toMatchObject({ scopes: [] });
  });

  it('refuses a bad command line before touching anything', () => {
    for (const argv of [
      ['accounts', 'create'],
      ['accounts', 'create', '--name', ' '],
      ['accounts', 'list', '--name', 'x'],
      ['accounts', 'remove'],
      ['keys', 'issue', '--account', account],
      ['keys', 'issue', '--account', account, '--mode', 'prod'],
      ['keys', 'issue', '--account', account, '--mode', 'test', '--scopes', 'admin:all'],
      ['keys', 'issue', '--account', account, '--mode', 'test', '--expires-at', 'tomorrow'],
      ['keys', 'revoke'],
      ['keys', 'revoke', 'a', 'b'],
      ['keys', 'list', '--acount', account],
    ]) {
      expect(() => parseAdminCommand(argv)).toThrow(UsageError);
    }
  });
});
