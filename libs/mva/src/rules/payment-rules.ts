import { GRUNNLAG_PATH, ROOT_PATH } from '../melding/melding-xml-names';
import type { MvaViolation } from '../mva-types';
import { parseAmount, sign } from './amount';
import { isValidKid } from './kid';
import { hasContent, type Rule } from './rule-input';

/**
 * R079 a KID must be valid and must not be the registered account number;
 * R080 a return that can lead to a repayment needs a registered account (ordinary, with register data).
 */
export const paymentRules: Rule = ({ melding, ctx, ordinary, at }) => {
  const out: MvaViolation[] = [];
  const kid = melding.kid;
  if (hasContent(kid)) {
    const account = ctx.register?.kontonummer?.replace(/[\s.]/g, '');
    if (!isValidKid(kid!) || (account !== undefined && account === kid))
      out.push(at('R079', `${ROOT_PATH}/betalingsinformasjon/kundeIdentifikasjonsnummer`));
  }
  const fastsatt = parseAmount(melding.fastsattMerverdiavgift);
  if (ordinary && ctx.register && fastsatt && sign(fastsatt) < 0 && !hasContent(ctx.register.kontonummer))
    out.push(at('R080', `${GRUNNLAG_PATH}/fastsattMerverdiavgift`));
  return out;
};
