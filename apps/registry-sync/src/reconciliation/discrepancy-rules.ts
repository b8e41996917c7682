import type { CompanyContext, Discrepancy, DiscrepancyRule } from '@apier/contracts';

/** The sections the rules compare: a company context before its discrepancies are attached. */
export type ReconcilableContext = Omit<CompanyContext, 'discrepancies'>;

export interface DiscrepancyRuleDefinition {
  id: DiscrepancyRule;
  /** Returns the discrepancy the rule finds, or null when the sources agree. */
  check(context: ReconcilableContext): Discrepancy | null;
}

/**
 * Brreg's employee count and Aa-registeret's active employments are counted on different days and
 * by different rules, so small gaps are normal. A gap is reported when it exceeds both 2 people and
 * 20 % of the larger count (12 vs 9 is reported: 3 > max(2, 2.4); 10 vs 9 is not).
 */
export const EMPLOYEE_COUNT_TOLERANCE = { absolute: 2, relative: 0.2 } as const;

export function employeeCountsDisagree(brreg: number, nav: number): boolean {
  const allowed = Math.max(
    EMPLOYEE_COUNT_TOLERANCE.absolute,
    EMPLOYEE_COUNT_TOLERANCE.relative * Math.max(brreg, nav),
  );
  return Math.abs(brreg - nav) > allowed;
}

const mvaRegisterMismatch: DiscrepancyRuleDefinition = {
  id: 'mva-register-mismatch',
  check({ entity, vat_registration }) {
    const brreg = entity.data.registered_in_vat_register;
    const skatteetaten = vat_registration.data.registered;
    if (brreg === null || brreg === skatteetaten) return null;
    return {
      rule: 'mva-register-mismatch',
      severity: 'warning',
      message: brreg
        ? 'Brønnøysund says the company is in the MVA register, but Skatteetaten has no current registration'
        : 'Skatteetaten has a current MVA registration, but Brønnøysund says the company is not in the MVA register',
      sources: ['brreg', 'skatteetaten'],
      details: {
        brreg_registered_in_vat_register: brreg,
        skatteetaten_registered: skatteetaten,
        skatteetaten_valid_to: vat_registration.data.valid_to,
      },
    };
  },
};

const employeeCountMismatch: DiscrepancyRuleDefinition = {
  id: 'employee-count-mismatch',
  check({ entity, employment }) {
    const { reported, count } = entity.data.employees;
    const nav = employment.data.active_employments;
    if (!reported || count === null || !employeeCountsDisagree(count, nav)) return null;
    return {
      rule: 'employee-count-mismatch',
      severity: 'info',
      message: `Brønnøysund reports ${count} employees, but Aa-registeret has ${nav} active employments`,
      sources: ['brreg', 'nav'],
      details: {
        brreg_employees: count,
        nav_active_employments: nav,
        difference: Math.abs(count - nav),
        tolerance: EMPLOYEE_COUNT_TOLERANCE,
      },
    };
  },
};

const deletedEntity: DiscrepancyRuleDefinition = {
  id: 'deleted-entity',
  check({ entity }) {
    if (entity.data.status !== 'deleted') return null;
    return {
      rule: 'deleted-entity',
      severity: 'critical',
      message: 'The company has been deleted from Enhetsregisteret; nobody can act for it',
      sources: ['brreg'],
      details: { deleted_at: entity.data.deleted_at },
    };
  },
};

const bankruptEntity: DiscrepancyRuleDefinition = {
  id: 'bankrupt-entity',
  check({ entity }) {
    if (!entity.data.bankruptcy.bankrupt) return null;
    return {
      rule: 'bankrupt-entity',
      severity: 'critical',
      message: 'The company is bankrupt; the estate administrator (bostyrer) acts for the estate',
      sources: ['brreg'],
      details: { since: entity.data.bankruptcy.since },
    };
  },
};

const underLiquidation: DiscrepancyRuleDefinition = {
  id: 'under-liquidation',
  check({ entity }) {
    if (!entity.data.liquidation.under_liquidation) return null;
    return {
      rule: 'under-liquidation',
      severity: 'warning',
      message: 'The company is under voluntary liquidation',
      sources: ['brreg'],
      details: { since: entity.data.liquidation.since },
    };
  },
};

const delegationOnInactiveEntity: DiscrepancyRuleDefinition = {
  id: 'delegation-on-inactive-entity',
  check({ entity, delegation }) {
    const deleted = entity.data.status === 'deleted';
    const bankrupt = entity.data.bankruptcy.bankrupt;
    if (delegation.data.state !== 'active' || (!deleted && !bankrupt)) return null;
    return {
      rule: 'delegation-on-inactive-entity',
      severity: 'critical',
      message: `The System User delegation is still active although the company is ${deleted ? 'deleted' : 'bankrupt'}`,
      sources: ['brreg', 'apier'],
      details: {
        entity_status: entity.data.status,
        bankrupt,
        delegation_state: delegation.data.state,
        system_user_id: delegation.data.system_user_id,
      },
    };
  },
};

/** Every rule, in the order its findings are listed. */
export const DISCREPANCY_RULE_TABLE: readonly DiscrepancyRuleDefinition[] = [
  deletedEntity,
  bankruptEntity,
  underLiquidation,
  delegationOnInactiveEntity,
  mvaRegisterMismatch,
  employeeCountMismatch,
];

/** Runs every rule over the context's sections and lists what they found. */
export function findDiscrepancies(
  context: ReconcilableContext,
  rules: readonly DiscrepancyRuleDefinition[] = DISCREPANCY_RULE_TABLE,
): Discrepancy[] {
  return rules.flatMap((rule) => rule.check(context) ?? []);
}
