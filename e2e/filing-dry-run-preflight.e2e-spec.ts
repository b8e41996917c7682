import { DryRunResultSchema } from '@apier/contracts';
import { DelegationWorld, type Json } from './support/delegation-world';
import { expectProblem } from './support/expect-problem';
import { checkOf, dryRun, dryRunJson, onboard, VAT_PACKAGE } from './support/filing-world';
import { meldingXml, twoMonthTerms, validMelding } from './support/mva-melding';
import { readJson } from './support/read-json';

jest.setTimeout(90_000);

/** govsim fixture companies (apps/govsim/src/fixtures/fixture-orgnrs.ts). */
const FIXTURE_ORGNRS = {
  sandbox: '999999999',
  reference: '315678420',
  deleted: '315678609',
  bankrupt: '315678749',
  employmentConflict: '315678870',
};
const ORG = FIXTURE_ORGNRS.reference;
const { ended, running } = twoMonthTerms();
const body = (orgnr: string, melding = validMelding(orgnr, ended, `dry-${orgnr}`)) => ({
  type: 'mva_melding',
  orgnr,
  payload: meldingXml(melding),
});
const statuses = (result: Json) => Object.fromEntries(result.checks.map((c: Json) => [c.check, c.status]));

describe('POST /api/v1/actions/execute?dry_run=true runs five real checks and submits nothing', () => {
  let world: DelegationWorld;

  beforeAll(async () => {
    world = await DelegationWorld.start(['govsim', 'registry-sync', 'auth-broker', 'filing', 'gateway'], {
      DELEGATION_RECONCILE_SECONDS: '2',
    });
    await onboard(world, 'a', ORG);
  }, 180_000);
  afterAll(async () => {
    await world?.stop();
  });

  it('passes every check for an active delegation and a valid return, and opens an approval request', async () => {
    const result = await dryRunJson(world, 'a', body(ORG));
    expect(DryRunResultSchema.parse(result)).toBeTruthy();
    expect(result).toMatchObject({ dry_run: true, sandbox: false, orgnr: ORG, outcome: 'ready' });
    expect(result.payload_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(checkOf(result, 'company_exists')).toMatchObject({ status: 'pass', code: 'company_active' });
    expect(checkOf(result, 'system_user_authorised')).toMatchObject({
      status: 'pass',
      code: 'delegation_active',
    });
    expect(checkOf(result, 'scopes_delegated')).toMatchObject({
      status: 'pass',
      details: { missing_access_packages: [], required_access_packages: [VAT_PACKAGE] },
    });
    expect(checkOf(result, 'payload_valid').status).not.toBe('fail');
    expect(checkOf(result, 'deadline_window')).toMatchObject({ status: 'pass', code: 'deadline_open' });
    expect(checkOf(result, 'deadline_window').details.days_left).toBeGreaterThanOrEqual(0);
    expect(result.approval_request).toMatchObject({
      status: 'pending',
      approve_url: `/approvals/${result.approval_request.id}`,
    });
    // nothing reached Altinn
    const instances = await readJson(await world.control('GET', 'altinn-apps/instances'));
    expect(JSON.stringify(instances)).not.toContain(ORG);
  });

  it('fails only the payload check for a return that breaks a rule, naming the official rule', async () => {
    const melding = validMelding(ORG, ended, 'dry-invalid');
    melding.linjer[0] = { mvaKode: '3', merverdiavgift: '5000' }; // output VAT without grunnlag and sats
    const result = await dryRunJson(world, 'a', body(ORG, melding));
    expect(result.outcome).toBe('blocked');
    expect(result.approval_request).toBeNull();
    expect(statuses(result)).toEqual({
      company_exists: 'pass',
      system_user_authorised: 'pass',
      scopes_delegated: 'pass',
      payload_valid: 'fail',
      deadline_window: 'pass',
    });
    const violations = checkOf(result, 'payload_valid').details.violations;
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rule_id: 'R066',
          severity: 'rejected',
          path: expect.stringContaining('mvaSpesifikasjonslinje[1]'),
        }),
      ]),
    );
  });

  it('fails the payload check when the return names another organisation', async () => {
    const result = await dryRunJson(
      world,
      'a',
      body(ORG, validMelding(FIXTURE_ORGNRS.sandbox, ended, 'dry-other-org')),
    );
    expect(checkOf(result, 'payload_valid').status).toBe('fail');
    expect(checkOf(result, 'payload_valid').details.violations.map((v: Json) => v.rule_id)).toContain(
      'ORGNR_MISMATCH',
    );
  });

  it('fails the deadline check for a term that has not ended (R059 in the payload rules agrees)', async () => {
    const result = await dryRunJson(world, 'a', body(ORG, validMelding(ORG, running, 'dry-running')));
    expect(checkOf(result, 'deadline_window')).toMatchObject({ status: 'fail', code: 'term_not_ended' });
    expect(checkOf(result, 'company_exists').status).toBe('pass');
    expect(checkOf(result, 'system_user_authorised').status).toBe('pass');
  });

  it('warns, without blocking, about a late filing', async () => {
    const late = { type: 'toMaaneder' as const, value: 'januar-februar', year: ended.year - 1 };
    const result = await dryRunJson(world, 'a', body(ORG, validMelding(ORG, late, 'dry-late')));
    expect(checkOf(result, 'deadline_window')).toMatchObject({ status: 'warn', code: 'late_filing' });
    expect(checkOf(result, 'deadline_window').details.days_late).toBeGreaterThan(0);
  });

  it('fails the System User check for an account without a delegation for the org', async () => {
    const result = await dryRunJson(world, 'b', body(ORG));
    expect(result.outcome).toBe('blocked');
    expect(checkOf(result, 'system_user_authorised')).toMatchObject({
      status: 'fail',
      code: 'delegation_not_found',
    });
    expect(checkOf(result, 'company_exists').status).toBe('pass');
    expect(checkOf(result, 'payload_valid').status).not.toBe('fail');
    expect(checkOf(result, 'deadline_window').status).toBe('pass');
  });

  it('fails only the scopes check when the delegation lacks the VAT access package', async () => {
    const org = FIXTURE_ORGNRS.employmentConflict;
    await onboard(world, 'b', org, ['urn:altinn:accesspackage:skatt-naering']);
    const result = await dryRunJson(world, 'b', body(org));
    expect(checkOf(result, 'system_user_authorised').status).toBe('pass');
    expect(checkOf(result, 'scopes_delegated')).toMatchObject({
      status: 'fail',
      code: 'packages_missing',
      details: { missing_access_packages: [VAT_PACKAGE] },
    });
  });

  it('fails the company check for a deleted organisation', async () => {
    const result = await dryRunJson(world, 'a', body(FIXTURE_ORGNRS.deleted));
    expect(checkOf(result, 'company_exists')).toMatchObject({ status: 'fail', code: 'company_deleted' });
    expect(result.outcome).toBe('blocked');
  });

  it('flags a bankrupt company without blocking on it', async () => {
    const result = await dryRunJson(world, 'a', body(FIXTURE_ORGNRS.bankrupt));
    expect(checkOf(result, 'company_exists')).toMatchObject({ status: 'warn', code: 'company_bankrupt' });
  });

  it('refuses bad input with problem details', async () => {
    await expectProblem(await dryRun(world, 'a', { ...body(ORG), extra: 1 }), 400, 'validation_failed');
    await expectProblem(
      await dryRun(world, 'a', { ...body(ORG), orgnr: '123456789' }),
      400,
      'validation_failed',
    );
    await expectProblem(await dryRun(world, 'a', { ...body(ORG), type: 'lonn' }), 400, 'validation_failed');
    await expectProblem(
      await world.api('a', '/api/v1/actions/execute?dry_run=maybe', body(ORG)),
      400,
      'validation_failed',
    );
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><mvaMeldingDto>&e;</mvaMeldingDto>`;
    const result = await dryRunJson(world, 'a', { type: 'mva_melding', orgnr: ORG, payload: xxe });
    expect(checkOf(result, 'payload_valid').status).toBe('fail');
    expect(JSON.stringify(result)).not.toContain('root:');
  });
});

describe('POST /api/v1/sandbox/public/actions/execute?dry_run=true', () => {
  let world: DelegationWorld;
  const SANDBOX = FIXTURE_ORGNRS.sandbox;
  const sandbox = (query: string, payload: unknown) =>
    fetch(`${world.stack.gatewayUrl}/api/v1/sandbox/public/actions/execute${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });

  beforeAll(async () => {
    world = await DelegationWorld.start(['govsim', 'registry-sync', 'auth-broker', 'filing', 'gateway'], {});
  }, 180_000);
  afterAll(async () => {
    await world?.stop();
  });

  it('runs the five checks against the fixture with the production shape and creates nothing', async () => {
    const response = await sandbox('?dry_run=true', body(SANDBOX));
    expect(response.status).toBe(200);
    const result = DryRunResultSchema.parse(await readJson(response));
    expect(result).toMatchObject({ sandbox: true, orgnr: SANDBOX, outcome: 'ready', approval_request: null });
    expect(statuses(result)).toMatchObject({
      company_exists: 'pass',
      system_user_authorised: 'pass',
      scopes_delegated: 'pass',
      deadline_window: 'pass',
    });
  });

  it('fails the checks for real: an invalid return is blocked', async () => {
    const melding = validMelding(SANDBOX, ended, 'sandbox-invalid');
    melding.fastsattMerverdiavgift = '2500.50';
    const result = await readJson(await sandbox('?dry_run=true', body(SANDBOX, melding)));
    expect(checkOf(result, 'payload_valid').details.violations.map((v: Json) => v.rule_id)).toContain('R082');
  });

  it('serves only dry runs and only sandbox companies', async () => {
    await expectProblem(await sandbox('', body(SANDBOX)), 400, 'validation_failed');
    await expectProblem(await sandbox('?dry_run=false', body(SANDBOX)), 400, 'validation_failed');
    await expectProblem(await sandbox('?dry_run=true', body(ORG)), 404, 'not_a_sandbox_company');
  });
});
