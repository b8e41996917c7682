import type { Provenance } from '@apier/contracts';
import type { ReconcilableContext } from './discrepancy-rules';

const provenance = (source: Provenance['source']): Provenance => ({
  source,
  source_url: null,
  fetched_at: '2026-06-10T08:00:00.000Z',
  freshness: 'fresh',
  content_hash: null,
});

/** An active AS on which every source agrees; specs override the sections they exercise. */
export function agreeingContext(): ReconcilableContext {
  return {
    schema_version: 'company-context/v1',
    orgnr: '315678420',
    sandbox: false,
    generated_at: '2026-06-10T08:00:00.000Z',
    entity: {
      data: {
        orgnr: '315678420',
        name: 'FJORDLYS TESTDATA AS',
        status: 'active',
        organisation_form: { code: 'AS', description: 'Aksjeselskap' },
        registered_at: '2019-03-14',
        founded_at: '2019-02-28',
        deleted_at: null,
        business_address: null,
        postal_address: null,
        nace_codes: [],
        sector: null,
        registered_in_vat_register: true,
        registered_in_business_register: true,
        employees: { reported: true, count: 12 },
        bankruptcy: { bankrupt: false, since: null },
        liquidation: { under_liquidation: false, since: null },
        forced_dissolution: false,
        parent_orgnr: null,
        last_annual_accounts: '2024',
        sub_units: [],
      },
      provenance: provenance('brreg'),
    },
    roles: { data: [], provenance: provenance('brreg') },
    vat_registration: {
      data: {
        registered: true,
        vat_number: 'NO 315678420 MVA',
        category: 'alminnelig',
        term_type: 'toMaaneder',
        valid_from: '2019-04-01',
        valid_to: null,
        reporting_unit: null,
        has_filed_before: true,
        outstanding_terms: [],
      },
      provenance: provenance('skatteetaten'),
    },
    vat_returns: { data: [], provenance: provenance('skatteetaten') },
    employment: {
      data: { active_employments: 12, inactive_employments: 0, by_workplace: [] },
      provenance: provenance('nav'),
    },
    delegation: {
      data: { state: 'not_requested', system_user_id: null, access_packages: [], synthetic: true },
      provenance: provenance('apier'),
    },
  };
}
