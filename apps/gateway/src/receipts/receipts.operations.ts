import { ReceiptVerificationSchema, SignedReceiptSchema } from '@apier/contracts';
import { API_KEY_PROBLEMS } from '../api-keys/api-keys.operations';
import type { Operation } from '../openapi/operation';

export const RECEIPT_OPERATIONS: Operation[] = [
  {
    method: 'post',
    path: '/api/v1/receipts/verify',
    operationId: 'verifyReceipt',
    summary: 'Check the signature of a filing receipt',
    description:
      'Recomputes the HMAC-SHA256 over `receipt_id.unix(issued_at).RFC8785(envelope)` with the key named by `key_id` (Standard Webhooks `v1`). Receipts signed with a key that has since been rotated out answer `valid: false` with `unknown_key`. Any valid API key of the environment may verify.',
    tags: ['actions'],
    auth: 'api-key',
    body: SignedReceiptSchema,
    responses: {
      200: {
        description:
          '`valid` and, when false, why: `unknown_key`, `malformed_signature` or `signature_mismatch`',
        schema: ReceiptVerificationSchema,
      },
      400: { description: 'The body is not a receipt (unknown fields are refused)', problem: true },
      ...API_KEY_PROBLEMS,
      503: { description: 'The filing service is unavailable', problem: true },
      504: { description: 'The request ran past its deadline', problem: true },
    },
  },
];
