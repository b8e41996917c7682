import { ApierError, type CompanyContext, type PreflightCheck } from '@apier/contracts';
import { fail, pass, warn } from './check-result';

const CHECK = 'company_exists';

/**
 * Check 1: the company is in Enhetsregisteret and not deleted. Bankruptcy and liquidation do not
 * stop a filing (the estate still owes its returns) but are flagged; not knowing blocks.
 */
export function companyExistsCheck(context: CompanyContext | ApierError): PreflightCheck {
  if (context instanceof ApierError) {
    if (context.code === 'company_not_found')
      return fail(CHECK, 'company_not_found', 'Enhetsregisteret has no such organisation');
    if (context.code === 'company_removed') {
      return fail(CHECK, 'company_removed', 'The organisation has been removed from Enhetsregisteret');
    }
    return fail(
      CHECK,
      'company_unverifiable',
      'The company registry could not be read now; try again shortly',
      {
        cause: context.code,
      },
    );
  }
  const entity = context.entity.data;
  const provenance = {
    source_url: context.entity.provenance.source_url,
    freshness: context.entity.provenance.freshness,
  };
  const facts = { name: entity.name, organisation_form: entity.organisation_form.code, ...provenance };
  if (entity.status === 'deleted') {
    return fail(
      CHECK,
      'company_deleted',
      `The organisation was deleted from Enhetsregisteret on ${entity.deleted_at ?? 'an unknown date'}`,
      {
        ...facts,
        deleted_at: entity.deleted_at,
      },
    );
  }
  if (entity.bankruptcy.bankrupt) {
    return warn(
      CHECK,
      'company_bankrupt',
      'The organisation is bankrupt; the estate’s administrator must be the one filing',
      {
        ...facts,
        since: entity.bankruptcy.since,
      },
    );
  }
  if (entity.liquidation.under_liquidation) {
    return warn(CHECK, 'company_under_liquidation', 'The organisation is under liquidation', {
      ...facts,
      since: entity.liquidation.since,
    });
  }
  return pass(CHECK, 'company_active', `${entity.name} is registered and active`, facts);
}
