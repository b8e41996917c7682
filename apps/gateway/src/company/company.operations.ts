import { CompanyContextSchema } from '@apier/contracts';
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
      'Entity, roles, VAT registration, employment and the Altinn delegation state for the calling account, each with its provenance and freshness.',
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
];
