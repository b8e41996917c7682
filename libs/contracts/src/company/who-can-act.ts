import { z } from 'zod';
import { ActionPermissionSchema, BindingActionTypeSchema } from './binding-actions';
import { DelegationStateSchema, RoleHolderSchema } from './company-context';
import { DiscrepancySchema } from './discrepancies';
import { ProvenanceSchema } from './provenance';

export const WHO_CAN_ACT_VERSION = 'who-can-act/v1';

export const AUTHORITIES = [
  'daglig_leder',
  'styreleder',
  'owner',
  'partner',
  'signature',
  'prokura',
  'estate_administrator',
] as const;

export const ActingRoleSchema = z.object({
  group: z.string().meta({ description: 'Brreg role group, e.g. STYR' }),
  code: z.string().meta({ description: 'Brreg role code, e.g. LEDE' }),
  description: z.string().nullable(),
  authority: z.enum(AUTHORITIES),
  access_package_count: z
    .number()
    .int()
    .meta({ description: 'Access packages Altinn grants this ER role; SIGN and PROK get none' }),
});

export const PersonActionPermissionSchema = ActionPermissionSchema.extend({
  via_roles: z.array(z.string()).meta({ description: 'The ER role codes whose packages cover the action' }),
});

export const SignatorySchema = z
  .object({
    holder: RoleHolderSchema,
    roles: z.array(ActingRoleSchema).min(1),
    access_packages: z
      .array(z.string())
      .meta({ description: 'Union of the access package URNs Altinn derives from the active ER roles' }),
    actions: z.array(PersonActionPermissionSchema),
  })
  .meta({ id: 'Signatory' });
export type Signatory = z.infer<typeof SignatorySchema>;

export const SignatureRuleSchema = z
  .object({
    kind: z.enum(['alone', 'jointly', 'unknown', 'none_registered']).meta({
      description:
        'alone: each participant binds the company alone; jointly: required_signers of them together; ' +
        'unknown: the source does not say; none_registered: no holder of the right is registered',
    }),
    participants: z.array(RoleHolderSchema),
    required_signers: z.number().int().nullable(),
    reason: z.string().meta({ description: 'Why Apier chose this kind' }),
    raw_text: z.string().nullable().meta({
      description:
        'The registered rule text verbatim; null when the source does not give it (Brreg’s open roles API never does)',
    }),
  })
  .meta({ id: 'SignatureRule' });
export type SignatureRule = z.infer<typeof SignatureRuleSchema>;

export const SystemUserActorSchema = DelegationStateSchema.extend({
  actions: z.array(ActionPermissionSchema),
}).meta({ id: 'SystemUserActor' });

export const BindingActionSchema = z.object({
  action: BindingActionTypeSchema,
  description: z.string(),
  required_access_packages: z.array(z.string()),
});

/** Who may bind the company and which binding actions each may perform; production and sandbox share it. */
export const WhoCanActSchema = z
  .object({
    schema_version: z.literal(WHO_CAN_ACT_VERSION),
    orgnr: z.string(),
    sandbox: z.boolean(),
    generated_at: z.iso.datetime({ offset: true }),
    signatories: z.array(SignatorySchema),
    signature_rule: SignatureRuleSchema,
    prokura_rule: SignatureRuleSchema,
    system_user: SystemUserActorSchema.meta({ description: 'The calling account’s delegated System User' }),
    binding_actions: z.array(BindingActionSchema),
    discrepancies: z.array(DiscrepancySchema),
    provenance: z.object({
      roles: ProvenanceSchema,
      delegation: ProvenanceSchema,
      access_catalogue_version: z.string(),
    }),
  })
  .meta({ id: 'WhoCanAct' });
export type WhoCanAct = z.infer<typeof WhoCanActSchema>;
