import { ApierError, isSandboxOrgnr, type Orgnr, SANDBOX_ORGNRS } from '@apier/contracts';
import { parseOrgnrParam } from './orgnr-param';

/** A valid orgnr that is one of the sandbox's synthetic companies; anything else is refused. */
export function parseSandboxOrgnr(raw: string): Orgnr {
  const orgnr = parseOrgnrParam(raw);
  if (!isSandboxOrgnr(orgnr)) {
    throw new ApierError(
      'not_a_sandbox_company',
      `The sandbox serves only its synthetic companies; ${orgnr} is not one of them`,
      { details: { orgnr, sandbox_orgnrs: [...SANDBOX_ORGNRS] } },
    );
  }
  return orgnr;
}
