import { z } from 'zod';
import { OrgnrSchema } from '../orgnr/orgnr';

/**
 * System User delegations: an account asks an organisation (through Altinn) to let Apier act for
 * it; the organisation's human approves on Altinn's confirm page. The auth-broker owns the state;
 * every request carries the caller's account id and never reaches another account's rows.
 */

export const ACCESS_PACKAGE_URN = /^urn:altinn:accesspackage:[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_ACCESS_PACKAGES = 20;

export const AccessPackageUrnSchema = z
  .string()
  .max(200)
  .regex(ACCESS_PACKAGE_URN, 'must be an access package URN (urn:altinn:accesspackage:<code>)')
  .meta({ examples: ['urn:altinn:accesspackage:merverdiavgift'] });

export const DELEGATION_STATUSES = ['pending', 'active', 'rejected', 'expired', 'revoked'] as const;
export const DelegationStatusSchema = z.enum(DELEGATION_STATUSES).meta({
  description:
    'pending: awaits the organisation; active: the System User exists; rejected: the organisation said no; expired: the request timed out unanswered; revoked: the organisation deleted the System User',
});
export type DelegationStatus = z.infer<typeof DelegationStatusSchema>;

const timestamp = z.iso.datetime({ offset: true });
const AccountIdSchema = z.uuid();

export const DelegationSchema = z
  .object({
    id: z.uuid(),
    orgnr: z.string(),
    status: DelegationStatusSchema,
    system_user_id: z
      .string()
      .nullable()
      .meta({ description: 'The Altinn System User, once the organisation approved' }),
    access_packages: z.array(z.string()),
    confirm_url: z.string().meta({
      description: 'Where the organisation’s administrator approves the request in Altinn',
    }),
    requested_at: timestamp,
    activated_at: timestamp.nullable(),
    rejected_at: timestamp.nullable(),
    revoked_at: timestamp.nullable(),
    expires_at: timestamp.nullable().meta({
      description: 'While pending: when the request times out; once expired: when it did',
    }),
    last_checked_at: timestamp.meta({ description: 'When Apier last asked Altinn about it' }),
    last_confirmed_at: timestamp.nullable().meta({
      description: 'When Altinn and Maskinporten last confirmed the System User exists',
    }),
  })
  .meta({ id: 'Delegation', description: 'A System User delegation of the calling account' });
export type Delegation = z.infer<typeof DelegationSchema>;

const AccessPackagesSchema = z
  .array(AccessPackageUrnSchema)
  .min(1)
  .max(MAX_ACCESS_PACKAGES)
  .refine((list) => new Set(list).size === list.length, 'must not repeat an access package');

/** `apier.auth.delegation.create-request`: Altinn's create is idempotent, and so is this. */
export const CreateDelegationRequestSchema = z.object({
  accountId: AccountIdSchema,
  orgnr: OrgnrSchema,
  access_packages: AccessPackagesSchema,
});
export type CreateDelegationRequest = z.input<typeof CreateDelegationRequestSchema>;

export const CreateDelegationReplySchema = z.object({
  /** false when an identical pending request already existed and is answered again. */
  created: z.boolean(),
  delegation: DelegationSchema,
});
export type CreateDelegationReply = z.infer<typeof CreateDelegationReplySchema>;

/** `apier.auth.delegation.get`: another account's id is answered exactly like an unknown one. */
export const GetDelegationRequestSchema = z.object({ accountId: AccountIdSchema, id: z.uuid() });
export type GetDelegationRequest = z.input<typeof GetDelegationRequestSchema>;

/** `apier.auth.delegation.list`: the caller's delegations for one organisation, newest first. */
export const ListDelegationsRequestSchema = z.object({ accountId: AccountIdSchema, orgnr: OrgnrSchema });
export type ListDelegationsRequest = z.input<typeof ListDelegationsRequestSchema>;

export const DelegationListSchema = z
  .object({ orgnr: z.string(), delegations: z.array(DelegationSchema) })
  .meta({ id: 'DelegationList', description: 'The calling account’s delegations for one organisation' });
export type DelegationList = z.infer<typeof DelegationListSchema>;

/**
 * `apier.auth.delegation.confirm`: asked before every binding action. Answers only when the
 * account's delegation for the org is active, covers the packages and was confirmed just now;
 * everything else is a refusal (`delegation_*`), never an allow.
 */
export const ConfirmDelegationRequestSchema = z.object({
  accountId: AccountIdSchema,
  orgnr: OrgnrSchema,
  access_packages: z.array(AccessPackageUrnSchema).max(MAX_ACCESS_PACKAGES).default([]),
});
export type ConfirmDelegationRequest = z.input<typeof ConfirmDelegationRequestSchema>;

export const ConfirmDelegationReplySchema = z.object({
  delegation_id: z.uuid(),
  orgnr: z.string(),
  status: z.literal('active'),
  access_packages: z.array(z.string()),
  system_user_id: z.string(),
  confirmed_at: timestamp,
  /** Until when this confirmation may be relied on (the System User token's usable lifetime). */
  valid_until: timestamp,
});
export type ConfirmDelegationReply = z.infer<typeof ConfirmDelegationReplySchema>;
