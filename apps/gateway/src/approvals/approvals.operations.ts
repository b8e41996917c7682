import {
  ApprovalRequestListSchema,
  ApprovalRequestViewSchema,
  MintedApprovalTokenSchema,
} from '@apier/contracts';
import { z } from 'zod';
import type { Operation } from '../openapi/operation';

export const ApprovalPathSchema = z.object({
  id: z.uuid().meta({ description: 'The approval request id from the dry run’s `approval_request`' }),
});

export const SignInBodySchema = z
  .strictObject({
    email: z.string().max(254),
    password: z.string().max(1024),
    account_id: z
      .uuid()
      .optional()
      .meta({ description: 'Only when one email approves for several accounts with the same password' }),
  })
  .meta({ description: 'An approver’s credentials (JSON or an HTML form)' });

export const ApproverSessionViewSchema = z
  .object({
    approver: z.object({ id: z.uuid(), account_id: z.uuid(), email: z.string(), name: z.string() }),
    csrf_token: z.string().meta({ description: 'Send as `X-CSRF-Token` on every POST of this session' }),
    expires_at: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'ApproverSession' });

const SESSION_PROBLEMS = {
  401: {
    description: 'No signed-in approver (session cookie missing, expired or signed out)',
    problem: true,
  },
} as const;
const CSRF_PROBLEM = {
  403: { description: 'Missing or wrong `X-CSRF-Token`, or a cross-site request', problem: true },
} as const;
const SERVICE_PROBLEMS = {
  503: { description: 'The filing service is unavailable', problem: true },
  504: { description: 'The request ran past its deadline', problem: true },
} as const;

const PAGE = 'An HTML page (`text/html`)';

/**
 * The approval gate: approvers sign in with a password (session cookie `__Host-apier_approver`)
 * and mint single-use approval tokens. API keys are not accepted on any of these routes.
 */
export const APPROVAL_OPERATIONS: Operation[] = [
  {
    method: 'post',
    path: '/approvals/login',
    operationId: 'approverSignIn',
    summary: 'Sign in as an approver (JSON or HTML form); sets the session cookie',
    description:
      'Answers a form with a redirect to `/approvals` and JSON with the session’s CSRF token. Rate-limited per client address and email; every refusal is the same.',
    tags: ['approvals'],
    auth: 'none',
    body: SignInBodySchema,
    responses: {
      200: { description: 'Signed in (JSON)', schema: ApproverSessionViewSchema },
      303: { description: 'Signed in (form): to `/approvals`' },
      400: { description: 'The body is not valid', problem: true },
      401: { description: 'Wrong email or password (the same answer for any reason)', problem: true },
      403: { description: 'A cross-site request', problem: true },
      429: { description: 'Too many attempts for this address and email; see `Retry-After`', problem: true },
    },
  },
  {
    method: 'get',
    path: '/approvals/login',
    operationId: 'approverSignInPage',
    summary: 'The sign-in page',
    tags: ['approvals'],
    auth: 'none',
    responses: { 200: { description: PAGE } },
  },
  {
    method: 'post',
    path: '/approvals/logout',
    operationId: 'approverSignOut',
    summary: 'End the approver session (form field `csrf_token` or `X-CSRF-Token`)',
    tags: ['approvals'],
    auth: 'approver-session',
    responses: {
      204: { description: 'Signed out (JSON clients)' },
      303: { description: 'Signed out (form): to the sign-in page' },
      ...SESSION_PROBLEMS,
      ...CSRF_PROBLEM,
    },
  },
  {
    method: 'get',
    path: '/approvals',
    operationId: 'approvalsPage',
    summary: 'Page: the approval requests waiting in the approver’s account',
    tags: ['approvals'],
    auth: 'approver-session',
    responses: { 200: { description: PAGE }, 303: { description: 'Not signed in: to the sign-in page' } },
  },
  {
    method: 'get',
    path: '/approvals/{id}',
    operationId: 'approvalRequestPage',
    summary: 'Page: one approval request with its preflight checks and an Approve button',
    tags: ['approvals'],
    auth: 'approver-session',
    params: ApprovalPathSchema,
    responses: {
      200: { description: PAGE },
      303: { description: 'Not signed in: to the sign-in page' },
      404: { description: 'The approver’s account has no such request', problem: true },
    },
  },
  {
    method: 'post',
    path: '/approvals/{id}/approve',
    operationId: 'approveRequestPage',
    summary: 'Approve from the page: shows the approval token once',
    tags: ['approvals'],
    auth: 'approver-session',
    params: ApprovalPathSchema,
    responses: {
      200: { description: `${PAGE} with the token; \`Cache-Control: no-store\`` },
      ...SESSION_PROBLEMS,
      ...CSRF_PROBLEM,
      404: { description: 'The approver’s account has no such request', problem: true },
      409: { description: 'The request is no longer pending (approved, consumed or expired)', problem: true },
    },
  },
  {
    method: 'get',
    path: '/api/v1/approvals',
    operationId: 'listApprovalRequests',
    summary: 'The approval requests waiting in the signed-in approver’s account',
    tags: ['approvals'],
    auth: 'approver-session',
    responses: {
      200: { description: 'Pending requests, newest first', schema: ApprovalRequestListSchema },
      ...SESSION_PROBLEMS,
      ...SERVICE_PROBLEMS,
    },
  },
  {
    method: 'get',
    path: '/api/v1/approvals/{id}',
    operationId: 'getApprovalRequest',
    summary: 'One approval request of the signed-in approver’s account',
    tags: ['approvals'],
    auth: 'approver-session',
    params: ApprovalPathSchema,
    responses: {
      200: { description: 'The request', schema: ApprovalRequestViewSchema },
      400: { description: 'The id is not a UUID', problem: true },
      ...SESSION_PROBLEMS,
      404: { description: 'The approver’s account has no such request', problem: true },
      ...SERVICE_PROBLEMS,
    },
  },
  {
    method: 'post',
    path: '/api/v1/approvals/{id}/approve',
    operationId: 'approveRequest',
    summary: 'Approve a request: mints its single-use approval token (shown once)',
    description:
      'Needs the session cookie and `X-CSRF-Token`. The token is bound to the request’s account, organisation, action type and payload hash, lives APPROVAL_TOKEN_TTL_SECONDS and works once.',
    tags: ['approvals'],
    auth: 'approver-session',
    params: ApprovalPathSchema,
    responses: {
      201: {
        description: 'The approval token; `Cache-Control: no-store`',
        schema: MintedApprovalTokenSchema,
      },
      400: { description: 'The id is not a UUID', problem: true },
      ...SESSION_PROBLEMS,
      ...CSRF_PROBLEM,
      404: { description: 'The approver’s account has no such request', problem: true },
      409: { description: 'The request is no longer pending (approved, consumed or expired)', problem: true },
      ...SERVICE_PROBLEMS,
    },
  },
];
