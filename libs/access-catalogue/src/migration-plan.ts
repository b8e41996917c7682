import { type AccessCatalogue, normaliseAltinn2Code } from './access-catalogue';
import type { AccessPackage, Altinn2RoleMapping } from './lookup-result-schemas';
import { type MigrationDeadlines, migrationDeadlines } from './migration-deadlines';
import type { MigrationAction, MigrationPlan, MigrationPlanItem } from './migration-plan-schema';

/** Longer than any role code; stops a pasted document from being edit-distanced against every role. */
const MAX_ROLE_CODE_LENGTH = 64;

const POLICY_LOOKUP = 'the Resource Registry (/resourceregistry/api/v1/resource/<id>/policy/rules)';

/**
 * What an integrator must do for each Altinn 2 role it relied on. A bad code yields an error item in
 * its place; the other roles are still planned, so one typo never hides the rest of the answer.
 */
export function planMigration(
  catalogue: AccessCatalogue,
  codes: readonly string[],
  today: Date,
): MigrationPlan {
  const deadlines = migrationDeadlines(today);
  const items = codes.map((input) => planRole(catalogue, input, deadlines));
  const mapped = items.flatMap((item) => (item.outcome === 'mapped' ? [item] : []));

  const systemUserPackages = unique(mapped.flatMap((item) => item.action.system_user_packages));
  const clientPackages = unique(mapped.flatMap((item) => item.action.client_system_user_packages));
  const backedBeyondInference = new Set(
    mapped
      .filter((item) => item.role.confidence.level !== 'inferred')
      .flatMap((item) => item.role.successor_packages.map((pkg) => pkg.urn)),
  );
  return {
    catalogue_version: catalogue.version,
    deadlines,
    items,
    delegation_request_template: { access_packages: systemUserPackages },
    client_delegation_request_template: { access_packages: clientPackages },
    inferred_packages: [...systemUserPackages, ...clientPackages].filter(
      (urn) => !backedBeyondInference.has(urn),
    ),
    not_delegable_packages: unique(mapped.flatMap((item) => item.action.not_delegable_packages)),
  };
}

export function planRole(
  catalogue: AccessCatalogue,
  input: string,
  deadlines: MigrationDeadlines,
): MigrationPlanItem {
  const code = normaliseAltinn2Code(input);
  if (code === '' || code.length > MAX_ROLE_CODE_LENGTH) {
    const detail =
      code === '' ? 'The role code is empty.' : `A role code is at most ${MAX_ROLE_CODE_LENGTH} characters.`;
    return { outcome: 'error', input, code, problem: 'invalid_role_code', detail, close_matches: [] };
  }
  const role = catalogue.altinn2Role(code);
  if (!role) {
    const detail = catalogue.erRole(code)
      ? `${code} is an Enhetsregisteret role, not an Altinn 2 role; look it up as an ER role instead.`
      : `${code} is not an Altinn 2 role in the access catalogue.`;
    return {
      outcome: 'error',
      input,
      code,
      problem: 'unknown_role',
      detail,
      close_matches: catalogue.closeMatches(code),
    };
  }
  return {
    outcome: 'mapped',
    input,
    code: role.code,
    role,
    action: migrationAction(catalogue, role, deadlines),
  };
}

export function migrationAction(
  catalogue: AccessCatalogue,
  role: Altinn2RoleMapping,
  deadlines: MigrationDeadlines,
): MigrationAction {
  const systemUser: AccessPackage[] = [];
  const client: AccessPackage[] = [];
  const notDelegable: AccessPackage[] = [];
  for (const pkg of role.successor_packages) {
    // Client packages are delegable but not assignable: the firm holds them per client via an ER role.
    if (!pkg.is_delegable) notDelegable.push(pkg);
    else if (!pkg.is_assignable) client.push(pkg);
    else systemUser.push(pkg);
  }

  const sentences = [whatReplacesTheRole(role)];
  if (systemUser.length > 0) {
    const lead = role.confidence.level === 'inferred' ? 'Candidates for' : 'Request in';
    sentences.push(`${lead} the System User delegation: ${urns(systemUser).join(', ')}.`);
  }
  if (client.length > 0) {
    const erRoles = unique(
      client.flatMap((pkg) => catalogue.package(pkg.urn)?.er_roles.map((er) => er.code) ?? []),
    );
    sentences.push(
      `${urns(client).join(', ')} ${client.length === 1 ? 'is a client package' : 'are client packages'}: request ` +
        `${client.length === 1 ? 'it' : 'them'} in a System User for client relationships; the firm holds ` +
        `${client.length === 1 ? 'it' : 'them'} for each client through its Enhetsregisteret role (${erRoles.join(', ')}).`,
    );
  }
  if (notDelegable.length > 0) {
    sentences.push(
      `${urns(notDelegable).join(', ')} cannot be passed on by ordinary delegation, so no System User can be given ` +
        `${notDelegable.length === 1 ? 'it' : 'them'}.`,
    );
  }
  // A role whose successors no System User can hold leaves the integrator nothing to do before the deadline.
  if (notDelegable.length < role.successor_packages.length || role.successor_packages.length === 0) {
    sentences.push(deadlineSentence(role, deadlines));
  }

  return {
    kind: actionKind(role),
    text: sentences.join(' '),
    system_user_packages: urns(systemUser),
    client_system_user_packages: urns(client),
    not_delegable_packages: urns(notDelegable),
  };
}

function actionKind(role: Altinn2RoleMapping): MigrationAction['kind'] {
  switch (role.confidence.level) {
    case 'official':
    case 'name-equivalent':
      return 'request-successor-packages';
    case 'inferred':
      return 'choose-among-candidates';
    case 'none':
      return 'check-service-policy';
  }
}

function whatReplacesTheRole(role: Altinn2RoleMapping): string {
  const subject = `${role.code} (${role.name_nb.trim()})`;
  const packages = role.successor_packages.map((pkg) => `"${pkg.name.nb}"`).join(', ');
  const plural = role.successor_packages.length === 1 ? '' : 's';
  switch (role.confidence.level) {
    case 'official':
      return `Digdir converted ${subject} automatically to the access package${plural} ${packages}; people who held the role have it already.`;
    case 'name-equivalent':
      return `${subject} has a same-named successor, the access package${plural} ${packages}; no automatic conversion was published, so it must be delegated again.`;
    case 'inferred':
      if (role.successor_packages.length === 1) {
        return (
          `${subject} has no official successor. The candidate package ${packages} is Apier's inference from ` +
          `the role description; check that the policies of your services in ${POLICY_LOOKUP} name it.`
        );
      }
      return (
        `${subject} has no official successor. The ${role.successor_packages.length} candidate packages are ` +
        `Apier's inference from the role description; which one a service accepts depends on its policy in ` +
        `${POLICY_LOOKUP}, so keep only those your services name.`
      );
    case 'none':
      return (
        `No access package replaces ${subject}. Check the policy of each service the integration used in ` +
        `${POLICY_LOOKUP} and request the packages or single-service rights it names.`
      );
  }
}

function deadlineSentence(role: Altinn2RoleMapping, deadlines: MigrationDeadlines): string {
  const removal = deadlines.legacy_roles_removed;
  if (removal.passed)
    return `Imported Altinn 2 roles were removed on ${removal.date}; access that relied on ${role.code} is gone until this is done.`;
  const days = removal.days_left === 1 ? '1 day' : `${removal.days_left} days`;
  return `Do this before ${removal.date} (${days} left), when imported Altinn 2 roles are removed.`;
}

function urns(packages: readonly AccessPackage[]): string[] {
  return packages.map((pkg) => pkg.urn);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
