import {
  AcceptedActionSchema,
  ActionViewSchema,
  DryRunResultSchema,
  ExecuteActionBodySchema,
} from '@apier/contracts';
import { z } from 'zod';
import { API_KEY_PROBLEMS } from '../api-keys/api-keys.operations';
import type { Operation } from '../openapi/operation';

export const ExecuteQuerySchema = z.strictObject({
  dry_run: z
    .enum(['true', 'false'])
    .default('false')
    .meta({ description: '`true` runs the five preflight checks and submits nothing' }),
});

export const SandboxExecuteQuerySchema = z.strictObject({
  dry_run: z.literal('true').meta({ description: 'The sandbox only runs dry runs' }),
});

export const LiveHeadersSchema = z.object({
  'idempotency-key': z.string().optional().meta({
    description:
      'Required on live calls. An RFC 8941 string (`"…"`; the bare form is accepted), 16–255 characters of `A-Z a-z 0-9 _ -`. Remembered for 24 hours: a retry with the same key and body replays the first response; the same key with another body is refused (422); a retry while the first is still running gets 409.',
  }),
  'approval-token': z.string().optional().meta({
    description:
      'Required on live calls: the single-use token an approver of the account granted for this exact payload',
  }),
});

export const ActionPathSchema = z.object({
  id: z.uuid().meta({ description: 'The action id returned with 202' }),
});

const SERVICE_PROBLEMS = {
  503: { description: 'A registry, Altinn or a backing service is unavailable', problem: true },
  504: { description: 'The request ran past its deadline', problem: true },
} as const;

export const ACTION_OPERATIONS: Operation[] = [
  {
    method: 'post',
    path: '/api/v1/actions/execute',
    operationId: 'executeAction',
    summary: 'Dry-run or submit a binding action (needs the actions:write scope)',
    description:
      'With `?dry_run=true`: runs the five preflight checks (company exists, System User authorised, access packages delegated, payload valid against the official XSD and Skatteetaten’s business rules, deadline window) and submits nothing; when no check fails it opens an approval request for an approver of the account. Live: needs `Idempotency-Key` and the `Approval-Token` minted by an approver for this exact payload, re-runs the preflight (the delegation is confirmed with Altinn again, fail closed) and answers 202 with the action id; the filing then runs in the background (`GET /api/v1/actions/{id}`).',
    tags: ['actions'],
    auth: 'api-key',
    query: ExecuteQuerySchema,
    headers: LiveHeadersSchema,
    body: ExecuteActionBodySchema,
    responses: {
      200: {
        description: 'Dry run: every check with its verdict, and the approval request',
        schema: DryRunResultSchema,
      },
      202: { description: 'Live: accepted; follow `status_url`', schema: AcceptedActionSchema },
      400: {
        description: 'Invalid body, missing or malformed Idempotency-Key, or missing Approval-Token',
        problem: true,
      },
      ...API_KEY_PROBLEMS,
      403: {
        description:
          'Scope missing, approval token invalid/used/expired/for another payload, org or account, or the delegation is not active',
        problem: true,
      },
      409: { description: 'A request with this Idempotency-Key is still running', problem: true },
      422: {
        description: 'The Idempotency-Key was used for another request, or a preflight check failed',
        problem: true,
      },
      ...SERVICE_PROBLEMS,
    },
  },
  {
    method: 'get',
    path: '/api/v1/actions/{id}',
    operationId: 'getAction',
    summary: 'One action of the calling account with its status history (needs the actions:read scope)',
    tags: ['actions'],
    auth: 'api-key',
    params: ActionPathSchema,
    responses: {
      200: {
        description: 'The action, its history, the cause of a failure and its receipt',
        schema: ActionViewSchema,
      },
      400: { description: 'The id is not a UUID', problem: true },
      ...API_KEY_PROBLEMS,
      403: { description: 'The API key lacks the actions:read scope', problem: true },
      404: { description: 'The account has no such action', problem: true },
      ...SERVICE_PROBLEMS,
    },
  },
];

export const SANDBOX_ACTION_OPERATIONS: Operation[] = [
  {
    method: 'post',
    path: '/api/v1/sandbox/public/actions/execute',
    operationId: 'dryRunSandboxAction',
    summary: 'Dry-run a binding action for a synthetic sandbox company (no API key)',
    description:
      'All five checks run for real against the fixture organisation 999999999 and its synthetic System User; nothing is submitted and no approval request is created.',
    tags: ['sandbox'],
    auth: 'none',
    query: SandboxExecuteQuerySchema,
    body: ExecuteActionBodySchema,
    responses: {
      200: { description: 'Every check with its verdict', schema: DryRunResultSchema },
      400: { description: 'Invalid body, or `dry_run` is not `true`', problem: true },
      404: { description: 'Not a sandbox company', problem: true },
      ...SERVICE_PROBLEMS,
    },
  },
];
