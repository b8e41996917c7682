import { loadAccessCatalogue } from '@apier/access-catalogue';
import { type CompanyContext, type RoleGroup, WhoCanActSchema } from '@apier/contracts';
import { agreeingContext } from '../reconciliation/reconcilable-context.fixture';
import { deriveWhoCanAct } from './derive-who-can-act';
import { erRolePackagesFrom } from './er-role-packages';

const MVA = 'urn:altinn:accesspackage:merverdiavgift';
const packages = erRolePackagesFrom(loadAccessCatalogue());

type Role = RoleGroup['roles'][number];
type Person = Extract<Role['holder'], { kind: 'person' }>;

const person = (name: string, extra: Partial<Person> = {}): Person => ({
  kind: 'person',
  name,
  birth_date: '1970-01-01',
  deceased: false,
  ...extra,
});
const role = (code: string, holder: Role['holder'], extra: Partial<Role> = {}): Role => ({
  code,
  description: null,
  holder,
  active: true,
  elected_by: null,
  order: null,
  ...extra,
});
const group = (code: string, ...roles: Role[]): RoleGroup => ({
  code,
  description: null,
  last_changed: null,
  roles,
});

function whoCanAct(groups: RoleGroup[], patch?: (context: CompanyContext) => void) {
  const context: CompanyContext = { ...agreeingContext(), discrepancies: [] };
  context.roles.data = groups;
  patch?.(context);
  return WhoCanActSchema.parse(deriveWhoCanAct(context, packages));
}

const names = (result: ReturnType<typeof whoCanAct>) => result.signatories.map((s) => s.holder.name);

const ingrid = person('Ingrid Sandvik');
const henrik = person('Henrik Aasen Berg');
const marte = person('Marte Lund');
const jonas = person('Jonas Eide');

describe('who can act for a company', () => {
  it('lists daglig leder, styreleder, signature and prokura holders once each, merging their roles', () => {
    const result = whoCanAct([
      group('DAGL', role('DAGL', ingrid)),
      group('STYR', role('LEDE', henrik), role('MEDL', marte), role('VARA', person('Siri Dahl'))),
      group(
        'REVI',
        role('REVI', { kind: 'organisation', orgnr: '315678439', name: 'REV AS', deleted: false }),
      ),
      group('SIGN', role('SIGN', henrik), role('SIGN', marte)),
      group('PROK', role('PROK', jonas)),
    ]);
    expect(names(result)).toEqual(['Ingrid Sandvik', 'Henrik Aasen Berg', 'Marte Lund', 'Jonas Eide']);
    expect(result.signatories[1]!.roles).toEqual([
      expect.objectContaining({
        group: 'STYR',
        code: 'LEDE',
        authority: 'styreleder',
        access_package_count: 132,
      }),
      expect.objectContaining({
        group: 'SIGN',
        code: 'SIGN',
        authority: 'signature',
        access_package_count: 0,
      }),
    ]);
  });

  it('lets ER roles with the merverdiavgift package file the MVA-melding, and not SIGN or PROK alone', () => {
    const result = whoCanAct([
      group('DAGL', role('DAGL', ingrid)),
      group('SIGN', role('SIGN', marte)),
      group('PROK', role('PROK', jonas)),
    ]);
    const mva = (name: string) =>
      result.signatories.find((s) => s.holder.name === name)!.actions.find((a) => a.action === 'mva_melding');
    expect(mva('Ingrid Sandvik')).toEqual({
      action: 'mva_melding',
      allowed: true,
      required_access_packages: [MVA],
      missing_access_packages: [],
      via_roles: ['DAGL'],
    });
    expect(mva('Marte Lund')).toMatchObject({
      allowed: false,
      missing_access_packages: [MVA],
      via_roles: [],
    });
    expect(mva('Jonas Eide')).toMatchObject({ allowed: false, via_roles: [] });
    expect(result.signatories[0]!.access_packages).toContain(MVA);
    expect(result.binding_actions).toEqual([
      { action: 'mva_melding', description: expect.any(String), required_access_packages: [MVA] },
    ]);
  });

  it('leaves out resigned, deregistered and deceased holders and deleted organisations', () => {
    const result = whoCanAct([
      group('DAGL', role('DAGL', ingrid, { active: false })),
      group('STYR', role('LEDE', person('Odd Avslutning', { deceased: true }))),
      group('SIGN', role('SIGN', marte, { active: false }), role('SIGN', henrik)),
      group(
        'PROK',
        role('PROK', { kind: 'organisation', orgnr: '315678609', name: 'GONE AS', deleted: true }),
      ),
    ]);
    expect(names(result)).toEqual(['Henrik Aasen Berg']);
    expect(result.signature_rule).toMatchObject({ kind: 'alone', participants: [henrik] });
    expect(result.prokura_rule).toMatchObject({ kind: 'none_registered', participants: [] });
  });

  describe('signature and prokura rules from the registered role codes', () => {
    it('one signature holder signs alone; the rule text is never invented', () => {
      const { signature_rule } = whoCanAct([group('SIGN', role('SIGN', henrik))]);
      expect(signature_rule).toEqual({
        kind: 'alone',
        participants: [henrik],
        required_signers: 1,
        reason: expect.stringContaining('one holder'),
        raw_text: null,
      });
    });

    it('several SIGN holders: alone or jointly is unknown, with the reason', () => {
      const { signature_rule } = whoCanAct([group('SIGN', role('SIGN', henrik), role('SIGN', marte))]);
      expect(signature_rule).toMatchObject({
        kind: 'unknown',
        participants: [henrik, marte],
        required_signers: null,
        raw_text: null,
      });
      expect(signature_rule.reason).toMatch(/not whether each acts alone or they act jointly/);
    });

    it('SIFE with two holders: both sign jointly', () => {
      const { signature_rule } = whoCanAct([group('SIGN', role('SIFE', henrik), role('SIFE', marte))]);
      expect(signature_rule).toMatchObject({
        kind: 'jointly',
        required_signers: 2,
        participants: [henrik, marte],
      });
    });

    it('SIFE with three holders: jointly, but how many must sign is unknown', () => {
      const { signature_rule } = whoCanAct([
        group('SIGN', role('SIFE', henrik), role('SIFE', marte), role('SIFE', ingrid)),
      ]);
      expect(signature_rule).toMatchObject({ kind: 'jointly', required_signers: null, raw_text: null });
    });

    it('SIHV: each holder signs alone; mixed codes are unknown', () => {
      expect(
        whoCanAct([group('SIGN', role('SIHV', henrik), role('SIHV', marte))]).signature_rule,
      ).toMatchObject({ kind: 'alone', required_signers: 1 });
      expect(
        whoCanAct([group('SIGN', role('SIHV', henrik), role('SIFE', marte))]).signature_rule,
      ).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('SIFE, SIHV') });
    });

    it('prokura: one holder alone, POFE jointly', () => {
      expect(whoCanAct([group('PROK', role('PROK', jonas))]).prokura_rule).toMatchObject({
        kind: 'alone',
        participants: [jonas],
      });
      expect(whoCanAct([group('PROK', role('POFE', jonas), role('POFE', marte))]).prokura_rule).toMatchObject(
        { kind: 'jointly', required_signers: 2 },
      );
    });

    it('a sole proprietorship without a signature right is bound by its owner', () => {
      const owner = person('Solveig Bakke');
      const result = whoCanAct([group('INNH', role('INNH', owner))], (context) => {
        context.entity.data.organisation_form = { code: 'ENK', description: 'Enkeltpersonforetak' };
      });
      expect(result.signature_rule).toMatchObject({ kind: 'alone', participants: [owner] });
      expect(result.signatories[0]).toMatchObject({ roles: [{ authority: 'owner' }] });
    });

    it('no signature holder and no owner: none registered', () => {
      expect(whoCanAct([group('DAGL', role('DAGL', ingrid))]).signature_rule).toMatchObject({
        kind: 'none_registered',
        participants: [],
        raw_text: null,
      });
    });
  });

  describe("the caller's System User", () => {
    it('may file the MVA-melding when its active delegation includes the merverdiavgift package', () => {
      const result = whoCanAct([], (context) => {
        context.delegation.data = {
          state: 'active',
          system_user_id: 'su-1',
          access_packages: [MVA],
          synthetic: false,
        };
      });
      expect(result.system_user).toMatchObject({
        state: 'active',
        system_user_id: 'su-1',
        access_packages: [MVA],
        actions: [{ action: 'mva_melding', allowed: true, missing_access_packages: [] }],
      });
    });

    it('may do nothing while the delegation is pending, even with the package', () => {
      const result = whoCanAct([], (context) => {
        context.delegation.data = {
          state: 'pending',
          system_user_id: null,
          access_packages: [MVA],
          synthetic: false,
        };
      });
      expect(result.system_user.actions).toEqual([expect.objectContaining({ allowed: false })]);
    });

    it('lacks the package when the delegation has other packages only', () => {
      const result = whoCanAct([], (context) => {
        context.delegation.data = {
          state: 'active',
          system_user_id: 'su-1',
          access_packages: ['urn:altinn:accesspackage:a-ordning'],
          synthetic: false,
        };
      });
      expect(result.system_user.actions[0]).toMatchObject({ allowed: false, missing_access_packages: [MVA] });
    });
  });

  it('carries the context’s discrepancies and the provenance of roles, delegation and catalogue', () => {
    const result = whoCanAct([], (context) => {
      context.discrepancies = [
        { rule: 'bankrupt-entity', severity: 'critical', message: 'x', sources: ['brreg'], details: {} },
      ];
    });
    expect(result.discrepancies.map((d) => d.rule)).toEqual(['bankrupt-entity']);
    expect(result.provenance).toMatchObject({
      roles: { source: 'brreg' },
      delegation: { source: 'apier' },
      access_catalogue_version: packages.version,
    });
  });
});
