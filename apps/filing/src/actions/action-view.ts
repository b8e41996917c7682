import type {
  ActionError,
  ActionView,
  ActionStatus,
  BindingActionType,
  SignedReceipt,
} from '@apier/contracts';
import type { Prisma } from '@apier/db';

export type ActionWithHistory = Prisma.ActionGetPayload<{ include: { events: true; receipt: true } }>;
type Receipt = Prisma.ReceiptGetPayload<object>;

/** The API view of an action: its status history, the cause of a failure and its receipt. */
export function toActionView(action: ActionWithHistory): ActionView {
  return {
    id: action.id,
    type: action.type as BindingActionType,
    orgnr: action.orgnr,
    status: action.status as ActionStatus,
    step: action.step,
    payload_hash: action.payloadHash,
    attempts: action.attempts,
    altinn_instance_id: action.altinnInstanceId,
    feedback_reference: action.feedbackReference,
    confirm_url: action.confirmUrl,
    error: (action.lastError as ActionError | null) ?? null,
    created_at: action.createdAt.toISOString(),
    updated_at: action.updatedAt.toISOString(),
    completed_at: action.completedAt?.toISOString() ?? null,
    history: [...action.events]
      .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
      .map((e) => ({
        type: e.type,
        status: e.status as ActionStatus,
        step: e.step,
        at: e.occurredAt.toISOString(),
        detail: e.detail as Record<string, unknown>,
      })),
    receipt: action.receipt ? toSignedReceipt(action.receipt) : null,
  };
}

export function toSignedReceipt(receipt: Receipt): SignedReceipt {
  return {
    envelope: receipt.envelope as SignedReceipt['envelope'],
    signature: {
      key_id: receipt.keyId,
      algorithm: 'HMAC-SHA256',
      canonicalization: 'RFC8785',
      value: receipt.signature,
    },
  };
}
