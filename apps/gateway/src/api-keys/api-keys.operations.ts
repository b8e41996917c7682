import { z } from 'zod';
import type { Operation } from '../openapi/operation';
import { API_KEY_MODES } from './api-key-format';

const timestamp = z.iso.datetime({ offset: true });

export const CallerIdentitySchema = z
  .object({
    account_id: z.uuid(),
    account_name: z.string(),
    key: z.object({
      key_id: z.string().meta({ description: 'The public identifier of the key (never the key itself)' }),
      prefix: z.string().meta({ examples: ['apier_test_4fK9qL2mXw7B'] }),
      mode: z.enum(API_KEY_MODES),
      name: z.string(),
      last_four: z.string().length(4),
      scopes: z.array(z.string()),
      created_at: timestamp,
      last_used_at: timestamp.nullable().meta({
        description: 'When the key was last used, to the minute; null before its first use',
      }),
      expires_at: timestamp.nullable(),
    }),
  })
  .meta({ id: 'CallerIdentity', description: 'The account and API key a request was made with' });

/** 401/403 answers every operation behind an API key documents. */
export const API_KEY_PROBLEMS = {
  401: {
    description:
      'No API key, a malformed, unknown, revoked or expired key, or a key of the other environment (carries `WWW-Authenticate`)',
    problem: true,
  },
} as const;

export const API_KEY_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/api/v1/me',
    operationId: 'getCaller',
    summary: 'The account and API key this request is made with',
    description: 'Shows the key id, mode, scopes and last use of the key; never the key or its hash.',
    tags: ['account'],
    auth: 'api-key',
    responses: {
      200: { description: 'The caller', schema: CallerIdentitySchema },
      ...API_KEY_PROBLEMS,
    },
  },
];
