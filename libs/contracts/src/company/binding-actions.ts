import { z } from 'zod';

/**
 * Binding actions Apier performs on a company's behalf and the Altinn access packages each needs.
 * A person or System User may perform an action when it holds every package listed.
 */
export const BINDING_ACTIONS = {
  mva_melding: {
    description: 'Submit the VAT return (MVA-melding) to Skatteetaten through Altinn',
    required_access_packages: ['urn:altinn:accesspackage:merverdiavgift'],
  },
} as const satisfies Record<string, { description: string; required_access_packages: readonly string[] }>;

export type BindingActionType = keyof typeof BINDING_ACTIONS;
export const BINDING_ACTION_TYPES = Object.keys(BINDING_ACTIONS) as [
  BindingActionType,
  ...BindingActionType[],
];
export const BindingActionTypeSchema = z.enum(BINDING_ACTION_TYPES).meta({ id: 'BindingActionType' });

export const ActionPermissionSchema = z
  .object({
    action: BindingActionTypeSchema,
    allowed: z.boolean(),
    required_access_packages: z.array(z.string()),
    missing_access_packages: z.array(z.string()),
  })
  .meta({ id: 'ActionPermission' });
export type ActionPermission = z.infer<typeof ActionPermissionSchema>;

/** Which binding actions a holder of these access packages may perform (`active` false: none). */
export function permittedActions(accessPackages: readonly string[], active = true): ActionPermission[] {
  const held = new Set(accessPackages);
  return BINDING_ACTION_TYPES.map((action) => {
    const required = [...BINDING_ACTIONS[action].required_access_packages];
    const missing = required.filter((urn) => !held.has(urn));
    return {
      action,
      allowed: active && missing.length === 0,
      required_access_packages: required,
      missing_access_packages: missing,
    };
  });
}
