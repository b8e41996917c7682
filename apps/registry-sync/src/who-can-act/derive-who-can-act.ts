import {
  BINDING_ACTION_TYPES,
  BINDING_ACTIONS,
  type CompanyContext,
  permittedActions,
  type RoleGroup,
  type Signatory,
  WHO_CAN_ACT_VERSION,
  type WhoCanAct,
} from '@apier/contracts';
import type { ErRolePackages } from './er-role-packages';
import { deriveRule, RIGHT_CODES, type RuleHolder } from './signature-rule';

type Role = RoleGroup['roles'][number];
type Authority = Signatory['roles'][number]['authority'];

/** The Brreg role codes that carry authority to bind the company, in the order signatories are listed. */
export const ACTING_ROLE_CODES: Readonly<Record<string, Authority>> = {
  DAGL: 'daglig_leder',
  LEDE: 'styreleder',
  INNH: 'owner',
  DTPR: 'partner',
  DTSO: 'partner',
  SIGN: 'signature',
  SIHV: 'signature',
  SIFE: 'signature',
  PROK: 'prokura',
  POHV: 'prokura',
  POFE: 'prokura',
  BOBE: 'estate_administrator',
};
const ORDER = Object.keys(ACTING_ROLE_CODES);
const SIGNATURE_CODES: readonly string[] = Object.values(RIGHT_CODES.signature);
const PROKURA_CODES: readonly string[] = Object.values(RIGHT_CODES.prokura);

/** Resigned or deregistered roles, deceased people and deleted organisations cannot act. */
export function canAct(role: Role): boolean {
  if (!role.active) return false;
  return role.holder.kind === 'person' ? !role.holder.deceased : !role.holder.deleted;
}

/** Brreg's open API identifies a person only by name and birth date. */
function holderKey(holder: Role['holder']): string {
  return holder.kind === 'person'
    ? `person:${holder.name}|${holder.birth_date ?? ''}`
    : `org:${holder.orgnr}`;
}

interface ActingRole {
  group: string;
  role: Role;
}

function actingRoles(groups: readonly RoleGroup[]): ActingRole[] {
  return groups
    .flatMap((group) => group.roles.map((role) => ({ group: group.code, role })))
    .filter(({ role }) => role.code in ACTING_ROLE_CODES && canAct(role));
}

function toSignatory(roles: ActingRole[], packages: ErRolePackages, orgForm: string): Signatory {
  const byRole = roles.map(({ group, role }) => ({
    group,
    role,
    urns: packages.packagesFor(role.code, orgForm),
  }));
  const held = [...new Set(byRole.flatMap((r) => r.urns))].sort();
  return {
    holder: roles[0]!.role.holder,
    roles: byRole.map(({ group, role, urns }) => ({
      group,
      code: role.code,
      description: role.description,
      authority: ACTING_ROLE_CODES[role.code]!,
      access_package_count: urns.length,
    })),
    access_packages: held,
    actions: permittedActions(held).map((permission) => ({
      ...permission,
      via_roles: byRole
        .filter((r) => permission.required_access_packages.every((urn) => r.urns.includes(urn)))
        .map((r) => r.role.code),
    })),
  };
}

function signatories(acting: ActingRole[], packages: ErRolePackages, orgForm: string): Signatory[] {
  const byHolder = new Map<string, ActingRole[]>();
  for (const entry of acting) {
    const key = holderKey(entry.role.holder);
    byHolder.set(key, [...(byHolder.get(key) ?? []), entry]);
  }
  const rank = (roles: ActingRole[]) => Math.min(...roles.map((r) => ORDER.indexOf(r.role.code)));
  return [...byHolder.values()]
    .map((roles) => roles.sort((a, b) => ORDER.indexOf(a.role.code) - ORDER.indexOf(b.role.code)))
    .sort((a, b) => rank(a) - rank(b))
    .map((roles) => toSignatory(roles, packages, orgForm));
}

const ruleHolders = (acting: ActingRole[], codes: readonly string[]): RuleHolder[] =>
  acting.filter(({ role }) => codes.includes(role.code)).map(({ role }) => role);

/**
 * Who can bind the company, derived from its context: people and organisations with active
 * signing roles, the signature and prokura rules as far as the role codes tell, and the calling
 * account's System User, each with the binding actions its access packages allow.
 */
export function deriveWhoCanAct(context: CompanyContext, packages: ErRolePackages): WhoCanAct {
  const acting = actingRoles(context.roles.data);
  const orgForm = context.entity.data.organisation_form.code;
  const owners = acting.filter(({ role }) => role.code === 'INNH');
  const soleProprietor = orgForm === 'ENK' && owners.length === 1 ? owners[0]!.role.holder : null;
  const delegation = context.delegation.data;
  return {
    schema_version: WHO_CAN_ACT_VERSION,
    orgnr: context.orgnr,
    sandbox: context.sandbox,
    generated_at: context.generated_at,
    signatories: signatories(acting, packages, orgForm),
    signature_rule: deriveRule('signature', ruleHolders(acting, SIGNATURE_CODES), soleProprietor),
    prokura_rule: deriveRule('prokura', ruleHolders(acting, PROKURA_CODES), null),
    system_user: {
      ...delegation,
      actions: permittedActions(delegation.access_packages, delegation.state === 'active'),
    },
    binding_actions: BINDING_ACTION_TYPES.map((action) => ({
      action,
      description: BINDING_ACTIONS[action].description,
      required_access_packages: [...BINDING_ACTIONS[action].required_access_packages],
    })),
    discrepancies: context.discrepancies,
    provenance: {
      roles: context.roles.provenance,
      delegation: context.delegation.provenance,
      access_catalogue_version: packages.version,
    },
  };
}
