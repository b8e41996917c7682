import { z } from 'zod';
import { loadAccessCatalogue } from './load-catalogue';
import { planMigration } from './migration-plan';
import { type MigrationPlanItem, MigrationPlanSchema } from './migration-plan-schema';

const catalogue = loadAccessCatalogue();
const TODAY = new Date('2026-11-25T10:00:00Z');
const urn = (code: string) => `urn:altinn:accesspackage:${code}`;

function mapped(item: MigrationPlanItem | undefined) {
  if (item?.outcome !== 'mapped') throw new Error(`expected a mapped item, got ${JSON.stringify(item)}`);
  return item;
}

describe('migration plan for several Altinn 2 roles', () => {
  const plan = planMigration(catalogue, ['A0239', 'LOPR', 'loper', 'UTINN', 'A0286', 'A0287', 'HADM'], TODAY);

  it('answers every input in order, with a per-item error for the bad entry in the middle', () => {
    expect(plan.items.map((item) => [item.input, item.outcome])).toEqual([
      ['A0239', 'mapped'],
      ['LOPR', 'error'],
      ['loper', 'mapped'],
      ['UTINN', 'mapped'],
      ['A0286', 'mapped'],
      ['A0287', 'mapped'],
      ['HADM', 'mapped'],
    ]);
    expect(plan.items[1]).toEqual({
      outcome: 'error',
      input: 'LOPR',
      code: 'LOPR',
      problem: 'unknown_role',
      detail: 'LOPR is not an Altinn 2 role in the access catalogue.',
      close_matches: [
        {
          code: 'LOPER',
          name_nb: 'Lønn og personalmedarbeider',
          name_en: 'Salaries and personnel employee',
          matched_on: 'code',
        },
      ],
    });
    expect(mapped(plan.items[2]).code).toBe('LOPER');
  });

  it('states both deadlines relative to the request date and the catalogue version for ETags', () => {
    expect(plan.deadlines).toEqual({
      as_of: '2026-11-25',
      altinn2_shutdown: { date: '2026-06-19', days_since: 159, passed: true },
      legacy_roles_removed: { date: '2027-01-01', days_left: 37, passed: false },
    });
    expect(plan.catalogue_version).toBe(catalogue.version);
  });

  it('builds a deduplicated System User request from the delegable successors', () => {
    const loper = mapped(plan.items[2]).role.successor_packages.map((pkg) => pkg.urn);
    expect(plan.delegation_request_template).toEqual({
      access_packages: [...loper, urn('post-til-virksomheten-med-taushetsbelagt-innhold')],
    });
  });

  it('keeps client packages for a client System User and leaves out what cannot be delegated', () => {
    expect(plan.client_delegation_request_template).toEqual({
      access_packages: [urn('regnskapsforer-med-signeringsrettighet')],
    });
    expect(plan.not_delegable_packages).toEqual([urn('hovedadministrator')]);
    expect(plan.delegation_request_template.access_packages).not.toContain(urn('hovedadministrator'));
  });

  it('flags packages only inference supports, but not one a name-equivalent mapping also backs', () => {
    expect(plan.inferred_packages).toContain(urn('lonn'));
    expect(plan.inferred_packages).not.toContain(urn('post-til-virksomheten-med-taushetsbelagt-innhold'));
    expect(plan.inferred_packages).not.toContain(urn('regnskapsforer-med-signeringsrettighet'));
  });

  it('tells the integrator what to do per role', () => {
    const [a0239, , loper, utinn, , , hadm] = plan.items.map((item) =>
      item.outcome === 'mapped' ? item.action : undefined,
    );
    expect(a0239).toMatchObject({
      kind: 'request-successor-packages',
      client_system_user_packages: [urn('regnskapsforer-med-signeringsrettighet')],
    });
    expect(a0239?.text).toContain('System User for client relationships');
    expect(a0239?.text).toContain('(REGN)');
    expect(loper?.kind).toBe('choose-among-candidates');
    expect(loper?.text).toContain("Apier's inference");
    expect(loper?.system_user_packages).toHaveLength(9);
    expect(utinn).toEqual({
      kind: 'check-service-policy',
      text: expect.stringContaining(
        'No access package replaces UTINN (Utfyller/Innsender). Check the policy',
      ),
      system_user_packages: [],
      client_system_user_packages: [],
      not_delegable_packages: [],
    });
    expect(utinn?.text).toContain('before 2027-01-01 (37 days left)');
    expect(hadm).toMatchObject({
      kind: 'request-successor-packages',
      not_delegable_packages: [urn('hovedadministrator')],
    });
    expect(hadm?.text).toContain('cannot be passed on by ordinary delegation');
  });

  it('matches the published response schema, which converts to JSON Schema', () => {
    expect(MigrationPlanSchema.parse(plan)).toEqual(plan);
    expect(() => z.toJSONSchema(MigrationPlanSchema)).not.toThrow();
  });
});

describe('migration plan edge cases', () => {
  it('reports an empty code and an over-long one as invalid, without close matches', () => {
    const plan = planMigration(catalogue, ['  ', 'X'.repeat(65), 'UTINN'], TODAY);
    expect(plan.items.map((item) => (item.outcome === 'error' ? item.problem : item.outcome))).toEqual([
      'invalid_role_code',
      'invalid_role_code',
      'mapped',
    ]);
  });

  it('points an ER role code to the ER lookup', () => {
    const [item] = planMigration(catalogue, ['dagl'], TODAY).items;
    expect(item).toMatchObject({ outcome: 'error', code: 'DAGL', problem: 'unknown_role' });
    expect(item?.outcome === 'error' && item.detail).toContain('Enhetsregisteret role');
  });

  it('gives an empty request when nothing maps', () => {
    const plan = planMigration(catalogue, ['NOPE', 'HVASK'], TODAY);
    expect(plan.delegation_request_template.access_packages).toEqual([]);
    expect(plan.client_delegation_request_template.access_packages).toEqual([]);
  });

  it('says the imported roles are gone once 1 January 2027 has passed', () => {
    const plan = planMigration(catalogue, ['REGNA'], new Date('2027-03-01T00:00:00Z'));
    expect(plan.deadlines.legacy_roles_removed).toEqual({ date: '2027-01-01', days_left: 0, passed: true });
    expect(mapped(plan.items[0]).action.text).toContain('Imported Altinn 2 roles were removed on 2027-01-01');
  });
});
