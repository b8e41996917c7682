import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { CompanyContextSchema, WhoCanActSchema } from '@apier/contracts';
import { expectProblem } from './support/expect-problem';
import { readJson } from './support/read-json';
import { Stack } from './support/stack';

const CLI = resolve(__dirname, '../apps/gateway/dist/admin-cli/apier-cli.js');
const PEPPER = 'e2e-api-key-pepper-0123456789abcdefgh';
const MVA = 'urn:altinn:accesspackage:merverdiavgift';
const run = promisify(execFile);

jest.setTimeout(30_000);

/** Runs the built admin CLI against the stack's database, as an operator would. */
async function apier(stack: Stack, args: string[]) {
  const env = {
    PATH: process.env['PATH'] ?? '',
    DATABASE_URL: stack.db.url,
    DATABASE_SCHEMA: stack.db.schema,
    API_KEY_PEPPER: PEPPER,
    LOG_LEVEL: 'warn',
  };
  const { stdout } = await run(process.execPath, [CLI, ...args], { env });
  return JSON.parse(stdout);
}

/** Object keys at every depth (first element of arrays of objects), to compare two answers by shape. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.length && value[0] && typeof value[0] === 'object' ? [shapeOf(value[0])] : 'array';
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, shapeOf((value as Record<string, unknown>)[key])]),
    );
  }
  return 'value';
}

/**
 * The govsim fixtures each carry one deliberate disagreement; the authenticated company routes must
 * name it with the rule that found it, and the zero-auth sandbox must answer who-can-act for its
 * fixture company in exactly the production shape.
 */
describe('company discrepancies and who can act', () => {
  let stack: Stack;
  let apiKey: string;

  beforeAll(async () => {
    stack = await Stack.start({
      apps: ['govsim', 'registry-sync', 'gateway'],
      env: { API_KEY_PEPPER: PEPPER },
    });
    const { account } = await apier(stack, ['accounts', 'create', '--name', 'Regnskap AS']);
    const issued = await apier(stack, [
      'keys',
      'issue',
      '--account',
      account.id,
      '--mode',
      'test',
      '--scopes',
      'company:read',
    ]);
    apiKey = issued.api_key;
  }, 60_000);
  afterAll(() => stack?.stop());

  const get = (path: string, key?: string) =>
    fetch(stack.gatewayUrl + path, { headers: key ? { authorization: `Bearer ${key}` } : {} });

  async function context(orgnr: string) {
    const response = await get(`/api/v1/company/${orgnr}/context`, apiKey);
    expect(response.status).toBe(200);
    return CompanyContextSchema.parse(await response.json());
  }

  async function whoCanAct(path: string, key?: string) {
    const response = await get(path, key);
    expect(response.status).toBe(200);
    return WhoCanActSchema.parse(await response.json());
  }

  it('mva-register-mismatch: Brreg says registered, Skatteetaten ended the registration', async () => {
    const { discrepancies } = await context('315678854');
    expect(discrepancies).toEqual([
      {
        rule: 'mva-register-mismatch',
        severity: 'warning',
        message: expect.stringContaining('Skatteetaten has no current registration'),
        sources: ['brreg', 'skatteetaten'],
        details: {
          brreg_registered_in_vat_register: true,
          skatteetaten_registered: false,
          skatteetaten_valid_to: '2026-03-31',
        },
      },
    ]);
  });

  it('employee-count-mismatch: Brreg 12 employees against 9 active employments in Aa-registeret', async () => {
    const { discrepancies } = await context('315678870');
    expect(discrepancies).toEqual([
      expect.objectContaining({
        rule: 'employee-count-mismatch',
        severity: 'info',
        sources: ['brreg', 'nav'],
        details: expect.objectContaining({ brreg_employees: 12, nav_active_employments: 9, difference: 3 }),
      }),
    ]);
  });

  it.each([
    ['315678749', 'bankrupt-entity', 'critical', { since: '2026-02-10' }],
    ['315678765', 'under-liquidation', 'warning', { since: '2026-05-04' }],
    ['315678609', 'deleted-entity', 'critical', { deleted_at: '2025-06-01' }],
  ])('%s: %s (%s)', async (orgnr, rule, severity, details) => {
    const { discrepancies } = await context(orgnr);
    expect(discrepancies).toEqual([expect.objectContaining({ rule, severity, sources: ['brreg'], details })]);
  });

  it('reports nothing for the sandbox company, on which every source agrees', async () => {
    expect((await context('999999999')).discrepancies).toEqual([]);
  });

  it('who-can-act on a bankrupt company: the resigned manager is gone, the estate administrator acts', async () => {
    const result = await whoCanAct('/api/v1/company/315678749/who-can-act', apiKey);
    expect(result).toMatchObject({ orgnr: '315678749', sandbox: false });
    expect(result.signatories.map((s) => [s.holder.name, s.roles.map((r) => r.code)])).toEqual([
      ['Per Konkursen', ['LEDE']],
      ['Bente Bostyrer', ['BOBE']],
    ]);
    expect(result.discrepancies.map((d) => d.rule)).toEqual(['bankrupt-entity']);
    // this stack runs no auth-broker: the delegation cannot be known, and unknown never allows
    expect(result.system_user).toMatchObject({
      state: 'unknown',
      actions: [{ action: 'mva_melding', allowed: false }],
    });
  });

  it('who-can-act for 999999999 in the sandbox: signatories, rules, System User and actions', async () => {
    const result = await whoCanAct('/api/v1/sandbox/public/company/999999999/who-can-act');
    expect(result).toMatchObject({ schema_version: 'who-can-act/v1', orgnr: '999999999', sandbox: true });
    const mva = (name: string) =>
      result.signatories.find((s) => s.holder.name === name)?.actions.find((a) => a.action === 'mva_melding');
    expect(result.signatories.map((s) => [s.holder.name, s.roles.map((r) => r.code)])).toEqual([
      ['Ingrid Sandvik', ['DAGL']],
      ['Henrik Aasen Berg', ['LEDE', 'SIGN']],
      ['Marte Lund', ['SIGN']],
      ['Jonas Eide', ['PROK']],
    ]);
    expect(mva('Ingrid Sandvik')).toMatchObject({ allowed: true, via_roles: ['DAGL'] });
    expect(mva('Henrik Aasen Berg')).toMatchObject({ allowed: true, via_roles: ['LEDE'] });
    expect(mva('Marte Lund')).toMatchObject({ allowed: false, missing_access_packages: [MVA] });
    expect(mva('Jonas Eide')).toMatchObject({ allowed: false });
    // Brreg's open roles API gives no rule text, so none is invented.
    expect(result.signature_rule).toMatchObject({ kind: 'unknown', raw_text: null });
    expect(result.signature_rule.participants.map((p) => p.name)).toEqual([
      'Henrik Aasen Berg',
      'Marte Lund',
    ]);
    expect(result.prokura_rule).toMatchObject({ kind: 'alone', raw_text: null });
    expect(result.system_user).toMatchObject({
      state: 'active',
      access_packages: [MVA],
      actions: [{ action: 'mva_melding', allowed: true }],
    });
    expect(result.binding_actions).toEqual([
      expect.objectContaining({ action: 'mva_melding', required_access_packages: [MVA] }),
    ]);
    expect(result.provenance.roles.source).toBe('brreg');
  });

  it('answers the sandbox who-can-act in exactly the production shape', async () => {
    const production = await whoCanAct('/api/v1/company/999999999/who-can-act', apiKey);
    const sandbox = await whoCanAct('/api/v1/sandbox/public/company/999999999/who-can-act');
    expect(shapeOf(sandbox)).toEqual(shapeOf(production));
    expect(sandbox.signatories).toEqual(production.signatories);
    expect(sandbox.signature_rule).toEqual(production.signature_rule);
    expect([production.sandbox, sandbox.sandbox]).toEqual([false, true]);
  });

  it('guards the production route and keeps the sandbox to its fixture companies', async () => {
    await expectProblem(await get('/api/v1/company/999999999/who-can-act'), 401, 'unauthenticated');
    await expectProblem(
      await get('/api/v1/sandbox/public/company/315678749/who-can-act'),
      404,
      'not_a_sandbox_company',
    );
    await expectProblem(await get('/api/v1/company/123456789/who-can-act', apiKey), 400, 'invalid_orgnr');
  });

  it('documents both routes in the OpenAPI document', async () => {
    const doc = await readJson(await get('/docs'));
    const production = doc.paths['/api/v1/company/{orgnr}/who-can-act'].get;
    const sandbox = doc.paths['/api/v1/sandbox/public/company/{orgnr}/who-can-act'].get;
    expect(production.security).toEqual([{ apiKey: [] }]);
    expect(sandbox.security).toEqual([]);
    for (const op of [production, sandbox]) {
      expect(op.responses['200'].content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/WhoCanAct',
      });
    }
    expect(doc.components.schemas.CompanyContext.properties.discrepancies).toBeDefined();
  });
});
