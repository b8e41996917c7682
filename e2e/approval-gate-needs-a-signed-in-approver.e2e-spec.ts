import { expectProblem } from './support/expect-problem';
import { readJson } from './support/read-json';
import { ApproverWorld, type Json, sessionCookie, type Signed } from './support/approver-world';

// CLI runs are fresh Node processes (about two seconds each) and scrypt is deliberately slow.
jest.setTimeout(60_000);

const TOKEN = /apier_approval_[A-Za-z0-9_-]{43}/;

/**
 * DESIGN §4 invariant 5 through the real gateway and filing service: an approval token exists only
 * because a signed-in approver of the account pressed Approve, it is shown once, and neither an API
 * key, another account's approver nor a cross-site page can get one.
 */
describe('the approval gate needs a signed-in approver', () => {
  let world: ApproverWorld;
  let a: { id: string; key: string };
  let b: { id: string; key: string };
  let kari: Signed;
  let ola: Signed;

  beforeAll(async () => {
    world = await ApproverWorld.start(['gateway', 'filing']);
    [a, b] = [await world.account('Regnskap A'), await world.account('Regnskap B')];
    await world.approver(a.id, 'kari@a.no', 'kari has a good password');
    await world.approver(b.id, 'ola@b.no', 'ola has a good password');
    [kari, ola] = [
      await world.signIn('kari@a.no', 'kari has a good password'),
      await world.signIn('ola@b.no', 'ola has a good password'),
    ];
  }, 120_000);
  afterAll(async () => {
    await world?.stop();
  });

  const approveJson = (session: Signed, id: string, headers: Record<string, string> = {}) =>
    world.post(
      `/api/v1/approvals/${id}/approve`,
      {},
      { cookie: session.cookie, 'x-csrf-token': session.csrf, ...headers },
    );

  it('walks a browser from sign-in to the token, which is shown once and never cached', async () => {
    const id = await world.approvalRequest(a.id, { term: '2026-5', note: '<script>alert(1)</script>' });

    const loginPage = await world.get('/approvals/login', { accept: 'text/html' });
    expect(loginPage.status).toBe(200);
    expect(loginPage.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await loginPage.text()).toContain('action="/approvals/login"');

    expect(await world.get('/approvals', { accept: 'text/html' })).toMatchObject({ status: 303 });
    const signedIn = await world.form('/approvals/login', {
      email: 'KARI@a.no',
      password: 'kari has a good password',
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/approvals');
    const setCookie = signedIn.headers.get('set-cookie')!;
    expect(setCookie).toMatch(
      /^__Host-apier_approver=apier_session_[A-Za-z0-9_-]{43}; Path=\/; Max-Age=28800; HttpOnly; SameSite=Strict; Secure$/,
    );
    const cookie = sessionCookie(signedIn);

    const list = await world.get('/approvals', { cookie, accept: 'text/html' });
    expect(list.status).toBe(200);
    expect(await list.text()).toContain(`href="/approvals/${id}"`);

    const page = await world.get(`/approvals/${id}`, { cookie, accept: 'text/html' });
    const html = await page.text();
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain('ab'.repeat(32));
    expect(html).toContain('late_filing');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)</script>');
    const csrf = /name="csrf_token" value="([^"]+)"/.exec(html)![1]!;

    const approved = await world.form(
      `/approvals/${id}/approve`,
      { csrf_token: csrf },
      { cookie, origin: world.url },
    );
    expect(approved.status).toBe(200);
    expect(approved.headers.get('cache-control')).toBe('no-store');
    const token = TOKEN.exec(await approved.text())![0];
    const [row] = await world.sql(
      'SELECT status, token_hash, approved_by FROM approval_requests WHERE id = $1',
      [id],
    );
    expect(row.status).toBe('approved');
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);

    // Shown once: the request no longer offers a button, approving again is refused.
    const after = await (await world.get(`/approvals/${id}`, { cookie, accept: 'text/html' })).text();
    expect(after).not.toContain(`action="/approvals/${id}/approve"`);
    expect(after).toContain('can no longer be approved');
    await expectProblem(await approveJson({ cookie, csrf }, id), 409, 'approval_not_pending');
  });

  it('answers approver tools with JSON: the pending list, one request and a 201 with the token', async () => {
    const id = await world.approvalRequest(a.id);
    const list = await readJson(await world.get('/api/v1/approvals', { cookie: kari.cookie }));
    expect(list.approval_requests.map((r: Json) => r.id)).toContain(id);
    const one = await readJson(await world.get(`/api/v1/approvals/${id}`, { cookie: kari.cookie }));
    expect(one).toMatchObject({ id, orgnr: '999999999', status: 'pending', payload_hash: 'ab'.repeat(32) });
    const minted = await approveJson(kari, id, { origin: world.url, 'sec-fetch-site': 'same-origin' });
    expect(minted.status).toBe(201);
    expect(minted.headers.get('cache-control')).toBe('no-store');
    expect(await readJson(minted)).toEqual({
      approval_request_id: id,
      approval_token: expect.stringMatching(new RegExp(`^${TOKEN.source}$`)),
      expires_at: expect.any(String),
    });
    expect((await readJson(await world.get(`/api/v1/approvals/${id}`, { cookie: kari.cookie }))).status).toBe(
      'approved',
    );
  });

  it('refuses a wrong password with one generic answer, as a page or as a problem', async () => {
    const problem = await expectProblem(
      await world.post('/approvals/login', { email: 'kari@a.no', password: 'not her password' }),
      401,
      'approver_sign_in_failed',
    );
    const unknown = await expectProblem(
      await world.post('/approvals/login', { email: 'nobody@a.no', password: 'kari has a good password' }),
      401,
      'approver_sign_in_failed',
    );
    expect(unknown.detail).toBe(problem.detail);
    const page = await world.form('/approvals/login', { email: 'kari@a.no', password: 'wrong' });
    expect(page.status).toBe(401);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(await page.text()).toContain('The email address or the password is not correct');
    await expectProblem(
      await world.post('/approvals/login', { email: 'kari@a.no', password: 'x', extra: 1 }),
      400,
      'validation_failed',
    );
  });

  it('refuses a missing or wrong CSRF token and a cross-site origin with 403, and mints nothing', async () => {
    const id = await world.approvalRequest(a.id);
    await expectProblem(
      await world.post(`/api/v1/approvals/${id}/approve`, {}, { cookie: kari.cookie }),
      403,
      'csrf_rejected',
    );
    await expectProblem(await approveJson({ ...kari, csrf: ola.csrf }, id), 403, 'csrf_rejected');
    await expectProblem(
      await approveJson(kari, id, { origin: 'https://evil.example' }),
      403,
      'csrf_rejected',
    );
    await expectProblem(
      await approveJson(kari, id, { 'sec-fetch-site': 'cross-site' }),
      403,
      'csrf_rejected',
    );
    const form = await world.form(
      `/approvals/${id}/approve`,
      { csrf_token: 'forged' },
      { cookie: kari.cookie },
    );
    expect(form.status).toBe(403);
    expect(await form.text()).toContain('cross-site request check');
    const [row] = await world.sql('SELECT status, token_hash FROM approval_requests WHERE id = $1', [id]);
    expect(row).toEqual({ status: 'pending', token_hash: null });
  });

  it('keeps approvers to their own account', async () => {
    const id = await world.approvalRequest(a.id);
    const theirs = await readJson(await world.get('/api/v1/approvals', { cookie: ola.cookie }));
    expect(theirs.approval_requests.map((r: Json) => r.id)).not.toContain(id);
    await expectProblem(
      await world.get(`/api/v1/approvals/${id}`, { cookie: ola.cookie }),
      404,
      'approval_request_not_found',
    );
    await expectProblem(await approveJson(ola, id), 404, 'approval_request_not_found');
    const page = await world.get(`/approvals/${id}`, { cookie: ola.cookie, accept: 'text/html' });
    expect(page.status).toBe(404);
    const [row] = await world.sql('SELECT status FROM approval_requests WHERE id = $1', [id]);
    expect(row.status).toBe('pending');
  });

  it('never lets an API key mint, list or read approvals', async () => {
    const id = await world.approvalRequest(a.id);
    const bearer = { authorization: `Bearer ${a.key}` };
    const mint = await world.post(
      `/api/v1/approvals/${id}/approve`,
      {},
      { ...bearer, 'x-csrf-token': kari.csrf },
    );
    await expectProblem(mint, 401, 'approver_unauthenticated');
    await expectProblem(await world.get('/api/v1/approvals', bearer), 401, 'approver_unauthenticated');
    await expectProblem(await world.get(`/api/v1/approvals/${id}`, bearer), 401, 'approver_unauthenticated');
    // Not even with the session's CSRF token but someone else's cookie format.
    const forged = await world.post(
      `/api/v1/approvals/${id}/approve`,
      {},
      { ...bearer, cookie: `__Host-apier_approver=${a.key}`, 'x-csrf-token': kari.csrf },
    );
    await expectProblem(forged, 401, 'approver_unauthenticated');
    const [row] = await world.sql('SELECT status FROM approval_requests WHERE id = $1', [id]);
    expect(row.status).toBe('pending');
  });

  it('ends the session on sign-out and when the operator disables the approver', async () => {
    await world.approver(a.id, 'per@a.no', 'per has a good password');
    const per = await world.signIn('per@a.no', 'per has a good password');
    const out = await world.post('/approvals/logout', {}, { cookie: per.cookie, 'x-csrf-token': per.csrf });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^__Host-apier_approver=; Path=\/; Max-Age=0/);
    await expectProblem(
      await world.get('/api/v1/approvals', { cookie: per.cookie }),
      401,
      'approver_unauthenticated',
    );

    const again = await world.signIn('per@a.no', 'per has a good password');
    const listed = await world.cli(['approvers', 'list', '--account', a.id]);
    const perRow = listed.approvers.find((x: Json) => x.email === 'per@a.no');
    expect(JSON.stringify(listed)).not.toMatch(/scrypt|password/);
    await world.cli(['approvers', 'disable', perRow.id]);
    await expectProblem(
      await world.get('/api/v1/approvals', { cookie: again.cookie }),
      401,
      'approver_unauthenticated',
    );
    await expectProblem(
      await world.post('/approvals/login', { email: 'per@a.no', password: 'per has a good password' }),
      401,
      'approver_sign_in_failed',
    );
  });

  it('prints a generated password once and keeps only its hash', async () => {
    const created = await world.cli([
      'approvers',
      'create',
      '--account',
      b.id,
      '--email',
      'gen@b.no',
      '--name',
      'Gen',
    ]);
    expect(created.password).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(created.notice).toContain('cannot show it again');
    const [row] = await world.sql('SELECT password_hash FROM approvers WHERE id = $1', [created.approver.id]);
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(created.password);
    await expect(world.signIn('gen@b.no', created.password)).resolves.toMatchObject({
      csrf: expect.any(String),
    });
  });

  it('documents the approver routes as cookie sessions, not API keys', async () => {
    const doc = await readJson(await world.get('/docs/openapi.json'));
    expect(doc.paths['/api/v1/approvals/{id}/approve'].post.security).toEqual([{ approverSession: [] }]);
    expect(doc.paths['/approvals/login'].post.security).toEqual([]);
    expect(doc.components.securitySchemes.approverSession).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: '__Host-apier_approver',
    });
    expect(doc.paths['/api/v1/receipts/verify'].post.security).toEqual([{ apiKey: [] }]);
  });

  it('writes no approval token, session cookie or password into any log line', async () => {
    const logs = JSON.stringify(world.stack.allLogs());
    expect(logs).not.toMatch(TOKEN);
    expect(logs).not.toMatch(/apier_session_[A-Za-z0-9_-]{43}/);
    expect(logs).not.toContain('kari has a good password');
    expect(logs).not.toContain(kari.csrf);
    // …while the gateway did log the refusals it answered.
    expect(logs).toContain('csrf_rejected');
  });
});
