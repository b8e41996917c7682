import { mvaData } from './mva-data';

export interface MvaRuleInfo {
  ruleId: string;
  /** Skatteetaten's technical name, used as `begrunnelse` in valideringsresultat. */
  name: string;
  severity: 'rejected' | 'deviation';
  message: string;
  /** Where the message text comes from; '[not verbatim]' marks texts we wrote. */
  source: string;
}

/** Every rule this library can report, e.g. for mapping messages to problem details. */
export function mvaRuleCatalogue(): MvaRuleInfo[] {
  return [...mvaData().rules.values()].map((r) => ({
    ruleId: r.ruleId,
    name: r.name,
    severity: r.severity === 'UGYLDIG_SKATTEMELDING' ? 'rejected' : 'deviation',
    message: r.message,
    source: r.source,
  }));
}
