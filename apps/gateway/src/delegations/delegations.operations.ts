import {
  AccessPackageUrnSchema,
  DelegationListSchema,
  DelegationSchema,
  MAX_ACCESS_PACKAGES,
  OrgnrSchema,
} from '@apier/contracts';
import { z } from 'zod';
import { API_KEY_PROBLEMS } from '../api-keys/api-keys.operations';
import type { Operation } from '../openapi/operation';
import { CompanyPathSchema } from '../sandbox/sandbox.operations';

export const CreateDelegationBodySchema = z
  .strictObject({
    orgnr: OrgnrSchema.meta({ description: 'The organisation that is to delegate to Apier' }),
    access_packages: z
      .array(AccessPackageUrnSchema)
      .min(1)
      .max(MAX_ACCESS_PACKAGES)
      .refine((list) => new Set(list).size === list.length, 'must not repeat an access package')
      .meta({ description: 'The Altinn access packages to ask for (among those Apier’s system offers)' }),
  })
  // No component id: components render as output, and the request must document its input form.
  .meta({ description: 'The organisation and the access packages to request' });

export const DelegationPathSchema = z.object({
  id: z.uuid().meta({ description: 'The delegation request id returned when it was created' }),
});

const SERVICE_PROBLEMS = {
  503: { description: 'Altinn, Maskinporten or a backing service is unavailable', problem: true },
  504: { description: 'The request ran past its deadline', problem: true },
} as const;

export const DELEGATION_OPERATIONS: Operation[] = [
  {
    method: 'post',
    path: '/api/v1/delegations/requests',
    operationId: 'createDelegationRequest',
    summary: 'Ask an organisation to delegate to Apier (needs the delegations:write scope)',
    description:
      'Creates an Altinn System User request bound to the calling account and returns the confirm URL for the organisation’s administrator. Idempotent: while a request with the same packages is pending, the same request is answered (200).',
    tags: ['delegations'],
    auth: 'api-key',
    body: CreateDelegationBodySchema,
    responses: {
      200: { description: 'The identical request that is already pending', schema: DelegationSchema },
      201: {
        description: 'The new request; send `confirm_url` to the organisation',
        schema: DelegationSchema,
      },
      400: { description: 'The body is not valid (unknown fields are refused)', problem: true },
      ...API_KEY_PROBLEMS,
      403: { description: 'The API key lacks the delegations:write scope', problem: true },
      409: {
        description: 'An active delegation exists, or a request with other packages is pending',
        problem: true,
      },
      502: { description: 'Altinn refused the request', problem: true },
      ...SERVICE_PROBLEMS,
    },
  },
  {
    method: 'get',
    path: '/api/v1/delegations/requests/{id}',
    operationId: 'getDelegationRequest',
    summary: 'One delegation request of the calling account (needs the delegations:read scope)',
    description:
      'Re-checks a pending (or long unchecked) request with Altinn before answering; when Altinn cannot be reached the stored state is answered and `last_checked_at` tells its age.',
    tags: ['delegations'],
    auth: 'api-key',
    params: DelegationPathSchema,
    responses: {
      200: { description: 'The delegation', schema: DelegationSchema },
      400: { description: 'The id is not a UUID', problem: true },
      ...API_KEY_PROBLEMS,
      403: { description: 'The API key lacks the delegations:read scope', problem: true },
      404: { description: 'The account has no such delegation request', problem: true },
      ...SERVICE_PROBLEMS,
    },
  },
  {
    method: 'get',
    path: '/api/v1/company/{orgnr}/delegations',
    operationId: 'listCompanyDelegations',
    summary: 'The calling account’s delegations for an organisation (needs the delegations:read scope)',
    description:
      'Newest first, with their access packages and status. Other accounts’ delegations never appear.',
    tags: ['delegations'],
    auth: 'api-key',
    params: CompanyPathSchema,
    responses: {
      200: { description: 'The delegations', schema: DelegationListSchema },
      400: { description: 'The organisation number is malformed or fails the MOD11 check', problem: true },
      ...API_KEY_PROBLEMS,
      403: { description: 'The API key lacks the delegations:read scope', problem: true },
      ...SERVICE_PROBLEMS,
    },
  },
];
