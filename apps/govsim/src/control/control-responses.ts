import type { z } from 'zod';
import type { GovsimCompany } from '../fixtures/world-model';
import { json, type WireResponse } from '../http/wire-response';

/** Control-API errors are our own API, so they follow our RFC 9457 profile. */
export function problem(
  status: 400 | 404,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
): WireResponse {
  return json(status, { type: 'about:blank', title, status, detail, ...extra }, 'application/problem+json');
}

export function invalidInput(error: z.ZodError): WireResponse {
  return problem(400, 'Bad Request', 'The request does not match the control API contract', {
    errors: error.issues.map((issue) => ({ pointer: `/${issue.path.join('/')}`, detail: issue.message })),
  });
}

export function unknownCompany(orgnr: string): WireResponse {
  return problem(404, 'Not Found', `No company ${orgnr} in the simulated world`);
}

/** One line per company, enough to pick test subjects without fetching every registry. */
export function companySummary(company: GovsimCompany) {
  const { enhet } = company;
  return {
    organisasjonsnummer: enhet.organisasjonsnummer,
    navn: enhet.navn,
    organisasjonsform: enhet.organisasjonsform,
    registerStatus: company.registerStatus,
    ...(company.slettedato ? { slettedato: company.slettedato } : {}),
    konkurs: enhet.konkurs,
    underAvvikling: enhet.underAvvikling,
    registrertIMvaregisteret: enhet.registrertIMvaregisteret,
    mvaRegistrertHosSkatteetaten: company.mva.registrert,
    antallAnsatte: enhet.antallAnsatte ?? null,
    underenheter: company.underenheter.map((u) => u.organisasjonsnummer),
    ...(company.fixture ? { fixture: company.fixture } : {}),
  };
}
