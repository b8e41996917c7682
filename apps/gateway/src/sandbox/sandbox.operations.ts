import { CompanyContextSchema, OrgnrSchema, WhoCanActSchema } from '@apier/contracts';
import { z } from 'zod';
import type { Operation } from '../openapi/operation';

export const CompanyPathSchema = z.object({ orgnr: OrgnrSchema });

export const SANDBOX_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/api/v1/sandbox/public/company/{orgnr}/context',
    operationId: 'getSandboxCompanyContext',
    summary: 'Company context for a synthetic sandbox company (no API key)',
    description:
      'The same shape and code path as the production company context, served for fixture organisations (999999999) from the government simulator. Data is flagged `sandbox: true`.',
    tags: ['sandbox'],
    auth: 'none',
    params: CompanyPathSchema,
    responses: {
      200: { description: 'The reconciled company context', schema: CompanyContextSchema },
      400: { description: 'The organisation number is malformed or fails the MOD11 check', problem: true },
      404: { description: 'Not a sandbox company', problem: true },
      503: { description: 'A registry or backing service is unavailable', problem: true },
      504: { description: 'The request ran past its deadline', problem: true },
    },
  },
  {
    method: 'get',
    path: '/api/v1/sandbox/public/company/{orgnr}/who-can-act',
    operationId: 'getSandboxCompanyWhoCanAct',
    summary: 'Who can act for a synthetic sandbox company (no API key)',
    description:
      'The same shape and code path as the production who-can-act, served for fixture organisations (999999999) from the government simulator, with the sandbox’s synthetic System User.',
    tags: ['sandbox'],
    auth: 'none',
    params: CompanyPathSchema,
    responses: {
      200: { description: 'Who can act for the sandbox company', schema: WhoCanActSchema },
      400: { description: 'The organisation number is malformed or fails the MOD11 check', problem: true },
      404: { description: 'Not a sandbox company', problem: true },
      503: { description: 'A registry or backing service is unavailable', problem: true },
      504: { description: 'The request ran past its deadline', problem: true },
    },
  },
];
