import { parseAdminCommand, UsageError } from './admin-command';

describe('apier approvers commands', () => {
  const account = '6f1c1d2e-6a3b-4c1f-9e55-0b1f7c2d9a10';

  it('reads create, list and disable', () => {
    expect(
      parseAdminCommand([
        'approvers',
        'create',
        '--account',
        account,
        '--email',
        'kari@regnskap.no',
        '--name',
        'Kari',
      ]),
    ).toEqual({
      kind: 'approvers.create',
      accountId: account,
      email: 'kari@regnskap.no',
      name: 'Kari',
      passwordFromStdin: false,
    });
    expect(
      parseAdminCommand([
        'approvers',
        'create',
        '--account',
        account,
        '--email',
        'kari@regnskap.no',
        '--name',
        'Kari',
        '--password-stdin',
      ]),
    ).toMatchObject({ passwordFromStdin: true });
    expect(parseAdminCommand(['approvers', 'list', '--account', account])).toEqual({
      kind: 'approvers.list',
      accountId: account,
    });
    expect(parseAdminCommand(['approvers', 'disable', account])).toEqual({
      kind: 'approvers.disable',
      approverId: account,
    });
  });

  it('never takes a password on the command line, where ps and shell history would keep it', () => {
    expect(() =>
      parseAdminCommand([
        'approvers',
        'create',
        '--account',
        account,
        '--email',
        'a@b.no',
        '--name',
        'A',
        '--password',
        'x',
      ]),
    ).toThrow(UsageError);
  });

  it.each([
    [['approvers', 'create', '--account', account, '--name', 'Kari']],
    [['approvers', 'create', '--account', account, '--email', 'kari@regnskap.no']],
    [['approvers', 'create', '--email', 'kari@regnskap.no', '--name', 'Kari']],
    [['approvers', 'list']],
    [['approvers', 'disable']],
    [['approvers', 'list', '--account', account, '--email', 'x@y.no']],
    [['approvers', 'remove', account]],
  ])('refuses %j', (argv) => {
    expect(() => parseAdminCommand(argv)).toThrow(UsageError);
  });
});
