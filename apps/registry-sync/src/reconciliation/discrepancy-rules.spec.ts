import { DISCREPANCY_RULES, DiscrepancySchema } from '@apier/contracts';
import {
  DISCREPANCY_RULE_TABLE,
  employeeCountsDisagree,
  findDiscrepancies,
  type ReconcilableContext,
} from './discrepancy-rules';
import { agreeingContext } from './reconcilable-context.fixture';

type Entity = ReconcilableContext['entity']['data'];

function withEntity(patch: Partial<Entity>, context = agreeingContext()): ReconcilableContext {
  context.entity.data = { ...context.entity.data, ...patch };
  return context;
}

function withActiveDelegation(context: ReconcilableContext): ReconcilableContext {
  context.delegation.data = {
    state: 'active',
    system_user_id: 'su-1',
    access_packages: ['urn:altinn:accesspackage:merverdiavgift'],
    synthetic: false,
  };
  return context;
}

const rules = (context: ReconcilableContext) => findDiscrepancies(context).map((d) => d.rule);

describe('discrepancies between sources', () => {
  it('finds nothing when every source agrees', () => {
    expect(findDiscrepancies(agreeingContext())).toEqual([]);
  });

  it('has exactly one rule in the table for every published rule id', () => {
    expect(DISCREPANCY_RULE_TABLE.map((r) => r.id).sort()).toEqual([...DISCREPANCY_RULES].sort());
  });

  describe('mva-register-mismatch', () => {
    it('reports Brreg saying registered while Skatteetaten ended the registration', () => {
      const context = agreeingContext();
      context.vat_registration.data = {
        ...context.vat_registration.data,
        registered: false,
        valid_to: '2026-03-31',
      };
      const [found] = findDiscrepancies(context);
      expect(DiscrepancySchema.parse(found)).toEqual({
        rule: 'mva-register-mismatch',
        severity: 'warning',
        message: expect.stringMatching(/Brønnøysund says .* MVA register, but Skatteetaten/),
        sources: ['brreg', 'skatteetaten'],
        details: {
          brreg_registered_in_vat_register: true,
          skatteetaten_registered: false,
          skatteetaten_valid_to: '2026-03-31',
        },
      });
    });

    it('reports the opposite direction too', () => {
      const found = findDiscrepancies(withEntity({ registered_in_vat_register: false }));
      expect(found).toEqual([
        expect.objectContaining({
          rule: 'mva-register-mismatch',
          message: expect.stringMatching(/^Skatteetaten has a current MVA registration/),
        }),
      ]);
    });

    it('stays silent when Brreg gives no flag', () => {
      expect(rules(withEntity({ registered_in_vat_register: null }))).toEqual([]);
    });
  });

  describe('employee-count-mismatch (gap > max(2, 20 % of the larger count))', () => {
    it.each([
      [12, 9, true],
      [10, 9, false],
      [3, 0, true],
      [2, 0, false],
      [100, 80, false],
      [100, 79, true],
      [9, 12, true],
    ])('Brreg %i vs NAV %i → reported: %s', (brreg, nav, reported) => {
      expect(employeeCountsDisagree(brreg, nav)).toBe(reported);
    });

    it('reports Brreg 12 against 9 active employments in Aa-registeret with both numbers', () => {
      const context = agreeingContext();
      context.employment.data.active_employments = 9;
      expect(findDiscrepancies(context)).toEqual([
        {
          rule: 'employee-count-mismatch',
          severity: 'info',
          message: 'Brønnøysund reports 12 employees, but Aa-registeret has 9 active employments',
          sources: ['brreg', 'nav'],
          details: {
            brreg_employees: 12,
            nav_active_employments: 9,
            difference: 3,
            tolerance: { absolute: 2, relative: 0.2 },
          },
        },
      ]);
    });

    it('compares nothing when Brreg has no reported count', () => {
      const context = withEntity({ employees: { reported: false, count: null } });
      context.employment.data.active_employments = 40;
      expect(rules(context)).toEqual([]);
    });
  });

  it('deleted-entity: critical, with the deletion date', () => {
    const found = findDiscrepancies(withEntity({ status: 'deleted', deleted_at: '2025-06-01' }));
    expect(found).toEqual([
      expect.objectContaining({
        rule: 'deleted-entity',
        severity: 'critical',
        sources: ['brreg'],
        details: { deleted_at: '2025-06-01' },
      }),
    ]);
  });

  it('bankrupt-entity: critical, with the bankruptcy date', () => {
    const found = findDiscrepancies(withEntity({ bankruptcy: { bankrupt: true, since: '2026-02-10' } }));
    expect(found).toEqual([
      expect.objectContaining({
        rule: 'bankrupt-entity',
        severity: 'critical',
        details: { since: '2026-02-10' },
      }),
    ]);
  });

  it('under-liquidation: a warning, with the liquidation date', () => {
    const found = findDiscrepancies(
      withEntity({ liquidation: { under_liquidation: true, since: '2026-05-04' } }),
    );
    expect(found).toEqual([
      expect.objectContaining({
        rule: 'under-liquidation',
        severity: 'warning',
        details: { since: '2026-05-04' },
      }),
    ]);
  });

  describe('delegation-on-inactive-entity', () => {
    it('reports an active delegation on a bankrupt company', () => {
      const context = withActiveDelegation(
        withEntity({ bankruptcy: { bankrupt: true, since: '2026-02-10' } }),
      );
      expect(rules(context)).toEqual(['bankrupt-entity', 'delegation-on-inactive-entity']);
      expect(findDiscrepancies(context)[1]).toMatchObject({
        severity: 'critical',
        sources: ['brreg', 'apier'],
        message: expect.stringContaining('bankrupt'),
        details: { delegation_state: 'active', system_user_id: 'su-1', bankrupt: true },
      });
    });

    it('reports an active delegation on a deleted company', () => {
      const context = withActiveDelegation(withEntity({ status: 'deleted', deleted_at: '2025-06-01' }));
      expect(rules(context)).toEqual(['deleted-entity', 'delegation-on-inactive-entity']);
    });

    it('ignores an active delegation on an active company and a revoked one on a bankrupt company', () => {
      expect(rules(withActiveDelegation(agreeingContext()))).toEqual([]);
      const revoked = withEntity({ bankruptcy: { bankrupt: true, since: '2026-02-10' } });
      revoked.delegation.data.state = 'revoked';
      expect(rules(revoked)).toEqual(['bankrupt-entity']);
    });
  });

  it('every finding validates against the published schema', () => {
    const context = withActiveDelegation(
      withEntity({
        status: 'deleted',
        bankruptcy: { bankrupt: true, since: null },
        liquidation: { under_liquidation: true, since: null },
        registered_in_vat_register: false,
        employees: { reported: true, count: 50 },
      }),
    );
    const found = findDiscrepancies(context);
    expect(found.map((d) => d.rule).sort()).toEqual([...DISCREPANCY_RULES].sort());
    for (const finding of found) expect(DiscrepancySchema.parse(finding)).toEqual(finding);
  });
});
