import { done, type Step } from './step-context';

/**
 * Asks the auth-broker for the System User's Altinn token, which re-confirms the delegation now
 * (a revoked or unconfirmable delegation ends the action before anything reaches Altinn). Only
 * who the token is for is stored; the token itself is asked for again whenever a run needs it.
 */
export const tokenStep: Step = async (ctx) => {
  const token = await ctx.token.refresh();
  ctx.checkpoint('token:unpersisted');
  return done(
    { token: { system_user_id: token.system_user_id, obtained_at: ctx.now().toISOString() } },
    { system_user_id: token.system_user_id, token_usable_until: token.expires_at },
  );
};
