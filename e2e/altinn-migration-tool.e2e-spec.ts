import { MigrationPlanSchema } from '@apier/access-catalogue';
import { expectProblem } from './support/expect-problem';
import { readJson } from './support/read-json';
import { Stack } from './support/stack';

const PACKAGE = 'urn:altinn:accesspackage:';
const ACCOUNTANT_WITH_SIGNING = `${PACKAGE}regnskapsforer-med-signeringsrettighet`;
const CONFIDENTIAL_MAIL = `${PACKAGE}post-til-virksomheten-med-taushetsbelagt-innhold`;
const SANDBOX_ORGNR = '999999999';
const MS_PER_DAY = 86_400_000;

const utcToday = () => new Date().toISOString().slice(0, 10);
const daysFrom = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / MS_PER_DAY);

/**
 * An integrator who relied on Altinn 2 roles asks, without an API key, what replaces them in Altinn 3,
 * one role at a time or a whole list, and when it has to be done. Catalogue lookups: the sibling spec.
 */
describe('Altinn 2 → Altinn 3 migration tool, without an API key', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start({ apps: ['gateway'] });
  }, 60_000);
  afterAll(() => stack?.stop());

  const toolUrl = (path = '') => `${stack.gatewayUrl}/api/v1/tools/altinn-migration${path}`;
  const planFor = (role: string, headers: Record<string, string> = {}) =>
    fetch(toolUrl(`?role=${encodeURIComponent(role)}`), { headers });
  const postPlan = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(toolUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const onlyItem = async (role: string) => {
    const response = await planFor(role);
    expect(response.status).toBe(200);
    const plan = MigrationPlanSchema.parse(await readJson(response));
    expect(plan.items).toHaveLength(1);
    const [item] = plan.items;
    if (item?.outcome !== 'mapped') throw new Error(`${role} was not mapped`);
    return { plan, item };
  };

  it('maps an official one-to-one role (A0239) to its client package, marked official', async () => {
    const { plan, item } = await onlyItem('A0239');
    expect(item.role).toMatchObject({
      status: 'official-automatic',
      confidence: { level: 'official' },
      automatic_transfer: true,
      shape: 'one-to-one',
      merges_with: [],
    });
    expect(item.role.successor_packages).toEqual([
      expect.objectContaining({
        urn: ACCOUNTANT_WITH_SIGNING,
        name: expect.objectContaining({
          nb: 'Regnskapsfører med signeringsrettighet',
          en: 'Accountant with signing rights',
        }),
        area: expect.objectContaining({ urn: 'accesspackage:area:fullmakter_for_regnskapsforer' }),
        is_delegable: true,
      }),
    ]);
    expect(item.action.kind).toBe('request-successor-packages');
    expect(plan.client_delegation_request_template.access_packages).toEqual([ACCOUNTANT_WITH_SIGNING]);
    expect(plan.delegation_request_template.access_packages).toEqual([]);
  });

  it.each(['LOPER', 'REGNA'])('splits %s into several candidate packages, marked inferred', async (code) => {
    const { plan, item } = await onlyItem(code);
    expect(item.role).toMatchObject({ status: 'candidate-split', shape: 'split', automatic_transfer: false });
    expect(item.role.confidence.level).toBe('inferred');
    expect(item.role.successor_packages.length).toBeGreaterThan(1);
    expect(item.action.kind).toBe('choose-among-candidates');
    const successors = item.role.successor_packages.map((pkg) => pkg.urn);
    expect(plan.delegation_request_template.access_packages).toEqual(successors);
    expect(plan.inferred_packages).toEqual(successors);
  });

  it('shows A0286, A0287 and A0288 merging into one package, each naming the other two', async () => {
    const codes = ['A0286', 'A0287', 'A0288'];
    for (const code of codes) {
      const { item } = await onlyItem(code);
      expect(item.role.shape).toBe('merge');
      expect(item.role.successor_packages.map((pkg) => pkg.urn)).toEqual([CONFIDENTIAL_MAIL]);
      expect(item.role.merges_with.map((partner) => partner.code).sort()).toEqual(
        codes.filter((other) => other !== code),
      );
      expect(item.role.merges_with.flatMap((partner) => partner.shared_packages)).toEqual([
        CONFIDENTIAL_MAIL,
        CONFIDENTIAL_MAIL,
      ]);
    }
    // The data rates the three differently; the answer must not flatten that.
    expect((await onlyItem('A0286')).item.role.confidence.level).toBe('name-equivalent');
    expect((await onlyItem('A0287')).item.role.confidence.level).toBe('inferred');
  });

  it('says UTINN has no successor package and sends the integrator to the service policies', async () => {
    const { plan, item } = await onlyItem('UTINN');
    expect(item.role).toMatchObject({
      status: 'no-direct-successor',
      shape: 'no-successor',
      confidence: { level: 'none' },
      successor_packages: [],
    });
    expect(item.action.kind).toBe('check-service-policy');
    expect(item.action.text).toContain('policy');
    expect(plan.delegation_request_template.access_packages).toEqual([]);
    expect(plan.client_delegation_request_template.access_packages).toEqual([]);
  });

  it('accepts lower-case codes and role URNs, and echoes what was sent', async () => {
    const lower = await onlyItem('utinn');
    expect(lower.item).toMatchObject({ input: 'utinn', code: 'UTINN' });
    const urn = await onlyItem('urn:altinn:rolecode:a0239');
    expect(urn.item).toMatchObject({ input: 'urn:altinn:rolecode:a0239', code: 'A0239' });
  });

  it('answers an unknown code with 404 problem+json listing close matches', async () => {
    const typo = await expectProblem(await planFor('LOPR'), 404, 'unknown_role');
    expect(typo).toMatchObject({ input: 'LOPR', role: 'LOPR' });
    expect(typo.close_matches).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'LOPER', matched_on: 'code' })]),
    );

    const erRole = await expectProblem(await planFor('dagl'), 404, 'unknown_role');
    expect(erRole.detail).toContain('Enhetsregisteret role');

    const missing = await expectProblem(await fetch(toolUrl()), 400, 'validation_failed');
    expect(missing.errors).toEqual([expect.objectContaining({ parameter: 'role', in: 'query' })]);
    await expectProblem(await planFor('   '), 400, 'validation_failed');
    await expectProblem(await planFor('X'.repeat(65)), 400, 'validation_failed');
  });

  it('plans a list with a bad entry in the middle item by item, with one deduplicated request body', async () => {
    const response = await postPlan({ roles: ['A0286', 'UTINX', 'a0287', 'A0239'], orgnr: SANDBOX_ORGNR });
    expect(response.status).toBe(200);
    const body = await readJson(response);
    const plan = MigrationPlanSchema.parse(body);

    expect(plan.items.map((item) => item.outcome)).toEqual(['mapped', 'error', 'mapped', 'mapped']);
    expect(plan.items.map((item) => item.code)).toEqual(['A0286', 'UTINX', 'A0287', 'A0239']);
    expect(plan.items[1]).toMatchObject({
      outcome: 'error',
      input: 'UTINX',
      problem: 'unknown_role',
      close_matches: [expect.objectContaining({ code: 'UTINN' })],
    });
    // A0286 and A0287 lead to the same package; it is requested once.
    expect(body.delegation_request_template).toEqual({
      orgnr: SANDBOX_ORGNR,
      access_packages: [CONFIDENTIAL_MAIL],
    });
    expect(body.client_delegation_request_template).toEqual({
      orgnr: SANDBOX_ORGNR,
      access_packages: [ACCOUNTANT_WITH_SIGNING],
    });

    const withoutOrgnr = await readJson(await postPlan({ roles: ['A0286'] }));
    expect(withoutOrgnr.delegation_request_template).toEqual({ access_packages: [CONFIDENTIAL_MAIL] });
  });

  it('refuses a body that is not a list of codes, too long a list or a bad orgnr with 400', async () => {
    const notAList = await expectProblem(await postPlan({ roles: 'A0239' }), 400, 'validation_failed');
    expect(notAList.errors).toEqual([expect.objectContaining({ pointer: '/roles' })]);

    await expectProblem(await postPlan(['A0239']), 400, 'validation_failed');
    await expectProblem(await postPlan({ roles: [] }), 400, 'validation_failed');
    const tooMany = Array.from({ length: 201 }, () => 'A0239');
    await expectProblem(await postPlan({ roles: tooMany }), 400, 'validation_failed');
    await expectProblem(await postPlan({ roles: ['A0239', ''] }), 400, 'validation_failed');

    const badOrgnr = await expectProblem(
      await postPlan({ roles: ['A0239'], orgnr: '123456789' }),
      400,
      'validation_failed',
    );
    expect(badOrgnr.errors).toEqual([expect.objectContaining({ pointer: '/orgnr', check: 'mod11' })]);
  });

  it("counts the days since shutdown and until legacy roles go from today's UTC date", async () => {
    const before = utcToday();
    const { plan, item } = await onlyItem('A0286');
    const after = utcToday();
    const { deadlines } = plan;
    expect([before, after]).toContain(deadlines.as_of);

    expect(deadlines.altinn2_shutdown.date).toBe('2026-06-19');
    expect(deadlines.legacy_roles_removed.date).toBe('2027-01-01');
    const sinceShutdown = daysFrom('2026-06-19', deadlines.as_of);
    const untilRemoval = daysFrom(deadlines.as_of, '2027-01-01');
    expect(deadlines.altinn2_shutdown).toMatchObject({
      days_since: Math.max(0, sinceShutdown),
      passed: sinceShutdown >= 0,
    });
    expect(deadlines.legacy_roles_removed).toMatchObject({
      days_left: Math.max(0, untilRemoval),
      passed: untilRemoval <= 0,
    });
    expect(item.action.text).toContain('2027-01-01');
  });

  it('tags answers with an ETag and answers If-None-Match with 304 and no body', async () => {
    const first = await planFor('A0239');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"[^"]+"$/);
    // The plan counts days, so it may be cached for an hour at most and never past UTC midnight.
    const maxAge = Number(/^public, max-age=(\d+)$/.exec(first.headers.get('cache-control') ?? '')?.[1]);
    const nextUtcMidnight = Date.parse(`${utcToday()}T00:00:00Z`) + MS_PER_DAY;
    expect(maxAge).toBeLessThanOrEqual(Math.min(3600, Math.ceil((nextUtcMidnight - Date.now()) / 1000) + 1));

    const again = await planFor('A0239', { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect((await planFor('A0239', { 'if-none-match': 'W/"stale", "other"' })).status).toBe(200);
    expect((await planFor('UTINN')).headers.get('etag')).not.toBe(etag);

    // RFC 9110 §13.1.2: a POST answers a matching If-None-Match with 412, never 304.
    const bulk = { roles: ['A0239', 'UTINN'], orgnr: SANDBOX_ORGNR };
    const posted = await postPlan(bulk);
    expect(posted.status).toBe(200);
    expect((await postPlan(bulk)).headers.get('etag')).toBe(posted.headers.get('etag'));
    await expectProblem(
      await postPlan(bulk, { 'if-none-match': posted.headers.get('etag')! }),
      412,
      'precondition_failed',
    );

    expect((await planFor('LOPR')).headers.get('etag')).toBeNull();
  });

  it('documents the new paths in the OpenAPI document as open to callers without an API key', async () => {
    const document = await readJson(await fetch(`${stack.gatewayUrl}/docs`));
    const expected = {
      '/api/v1/tools/altinn-migration': ['get', 'post'],
      '/api/v1/tools/altinn-migration/packages': ['get'],
      '/api/v1/tools/altinn-migration/packages/{package}': ['get'],
      '/api/v1/tools/altinn-migration/er-roles/{role}': ['get'],
      '/api/v1/tools/altinn-migration/areas': ['get'],
    };
    for (const [path, methods] of Object.entries(expected)) {
      for (const method of methods) {
        expect(document.paths[path]?.[method]).toMatchObject({ security: [], tags: ['migration-tool'] });
      }
    }
    expect(document.components.schemas.AltinnMigrationPlan).toBeDefined();
    expect(document.paths['/api/v1/tools/altinn-migration'].get.responses['404'].$ref).toBe(
      '#/components/responses/Problem404',
    );
  });
});
