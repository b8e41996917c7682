import type { RoleGroup, SignatureRule } from '@apier/contracts';

type Holder = RoleGroup['roles'][number]['holder'];

export interface RuleHolder {
  code: string;
  holder: Holder;
}

/** Brreg role codes of the signature and prokura groups; the -HV and -FE codes say how they sign. */
export const RIGHT_CODES = {
  signature: { generic: 'SIGN', alone: 'SIHV', jointly: 'SIFE', noun: 'signature right' },
  prokura: { generic: 'PROK', alone: 'POHV', jointly: 'POFE', noun: 'prokura' },
} as const;

export type RightKind = keyof typeof RIGHT_CODES;

const TEXT_NOT_PUBLIC = 'the registered rule text is not in Brreg’s open roles API';

/**
 * The signature or prokura rule as far as the registered role codes tell it. The rule text itself is
 * never invented: raw_text stays null because the open API does not give it.
 */
export function deriveRule(
  right: RightKind,
  holders: readonly RuleHolder[],
  soleProprietor: Holder | null,
): SignatureRule {
  const codes = RIGHT_CODES[right];
  const participants = holders.map((h) => h.holder);
  const present = new Set(holders.map((h) => h.code));
  const rule = (kind: SignatureRule['kind'], required: number | null, reason: string): SignatureRule => ({
    kind,
    participants,
    required_signers: required,
    reason,
    raw_text: null,
  });

  if (holders.length === 0) {
    if (right === 'signature' && soleProprietor) {
      return {
        ...rule(
          'alone',
          1,
          'No signature right is registered; a sole proprietorship is bound by its owner (INNH)',
        ),
        participants: [soleProprietor],
      };
    }
    return rule('none_registered', null, `Brreg lists no active holder of ${codes.noun}`);
  }
  if (present.size > 1) {
    return rule(
      'unknown',
      null,
      `Brreg lists ${codes.noun} under several role codes (${[...present].sort().join(', ')}); how they combine is in the rule text, and ${TEXT_NOT_PUBLIC}`,
    );
  }
  const [code] = present;
  if (code === codes.alone) {
    return rule('alone', 1, `Brreg registers the ${codes.noun} as ${code}: each holder acts alone`);
  }
  if (code === codes.jointly) {
    return holders.length === 2
      ? rule('jointly', 2, `Brreg registers the ${codes.noun} as ${code} with two holders: both act together`)
      : rule(
          'jointly',
          null,
          `Brreg registers the ${codes.noun} as ${code}: holders act jointly; how many must sign is in the rule text, and ${TEXT_NOT_PUBLIC}`,
        );
  }
  if (holders.length === 1) {
    return rule(
      'alone',
      1,
      `Brreg names one holder of ${codes.noun}, so no other named holder can be required`,
    );
  }
  return rule(
    'unknown',
    null,
    `Brreg names ${holders.length} holders of ${codes.noun} but not whether each acts alone or they act jointly; ${TEXT_NOT_PUBLIC}`,
  );
}
