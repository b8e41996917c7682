import { CompanyContextSchema, WhoCanActSchema } from '@apier/contracts';
import { API_KEY_PROBLEMS } from '../api-keys/api-keys.operations';
import type { Operation } from '../openapi/operation';
import { CompanyPathSchema } from '../sandbox/sandbox.operations';

export const COMPANY_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/api/v1/company/{orgnr}/context',
    operationId: 'getCompanyContext',
    summary: 'Reconciled company context (needs the company:read scope)',
    description:
      'Entity, roles, VAT registration, employment and the Altinn delegation state for the calling account, each with its provenance and freshness, plus the discrepancies between sources with the rule that found each.',
    tags: ['company'],
    auth: 'api-key',
    params: CompanyPathSchema,
    responses: {
      200: { description: 'The reconciled company context', schema: CompanyContextSchema },
      400: { description: 'The organisation number is malformed or fails the MOD11 check', problem: true },
      ...API_KEY_PROBLEMS,
      403: { description: 'The API key lacks the company:read scope', problem: true },
      404: { description: 'No such company in Enhetsregisteret', problem: true },
      410: { description: 'The company has been removed from the open register', problem: true },
      503: { description: 'A registry or backing service is unavailable', problem: true },
      504: { description: 'The request ran past its deadline', problem: true },
    },
  },
  {
    method: 'get',
    path: '/api/v1/company/{orgnr}/who-can-act',
    operationId: 'getCompanyWhoCanAct',
    summary: 'Who can bind the company (needs the company:read scope)',
    description:
      'People and organisations with signing authority from Brreg roles (daglig leder, styreleder, signature, prokura, owner, partners), the signature and prokura rules as far as the registered role codes tell (raw text only when the source gives it), the calling account’s System User, and which binding actions each may perform with its access packages.',
    tags: ['company'],
    auth: 'api-key',
    params: CompanyPathSchema,
    responses: {
      200: {
        description: 'Who can act, derived from the reconciled company context',
        schema: WhoCanActSchema,
      },
      400: { description: 'The organisation number is malformed or fails the MOD11 check', problem: true },
      ...API_KEY_PROBLEMS,
      403: { description: 'The API key lacks the company:read scope', problem: true },
      404: { description: 'No such company in Enhetsregisteret', problem: true },
      410: { description: 'The company has been removed from the open register', problem: true },
      503: { description: 'A registry or backing service is unavailable', problem: true },
      504: { description: 'The request ran past its deadline', problem: true },
    },
  },
];
