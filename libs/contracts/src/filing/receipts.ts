import { z } from 'zod';

/**
 * What Apier signs for every submitted action. Signature: `v1,<base64 HMAC-SHA256>` over
 * `${receipt_id}.${unix issued_at}.${RFC 8785 canonical JSON of the envelope}` (the Standard
 * Webhooks scheme, so one verifier checks webhooks and receipts), with the key named by `key_id`.
 */
export const ReceiptEnvelopeSchema = z
  .strictObject({
    receipt_id: z.uuid(),
    action_id: z.uuid(),
    account_id: z.uuid(),
    orgnr: z.string(),
    type: z.string(),
    payload_hash: z.string().length(64),
    altinn_instance_id: z.string(),
    feedback_reference: z.string().nullable(),
    status: z.enum(['submitted', 'needs_confirmation']),
    submitted_at: z.iso.datetime({ offset: true }),
    issued_at: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'ReceiptEnvelope' });
export type ReceiptEnvelope = z.infer<typeof ReceiptEnvelopeSchema>;

export const ReceiptSignatureSchema = z
  .strictObject({
    key_id: z.string().min(1).max(64),
    algorithm: z.literal('HMAC-SHA256'),
    canonicalization: z.literal('RFC8785'),
    value: z.string().min(1).max(512),
  })
  .meta({ id: 'ReceiptSignature' });

export const SignedReceiptSchema = z
  .strictObject({ envelope: ReceiptEnvelopeSchema, signature: ReceiptSignatureSchema })
  .meta({ id: 'SignedReceipt' });
export type SignedReceipt = z.infer<typeof SignedReceiptSchema>;

export const ReceiptVerificationSchema = z
  .object({
    valid: z.boolean(),
    key_id: z.string(),
    /** Why it failed: `unknown_key`, `signature_mismatch`, `malformed_signature`. */
    reason: z.string().nullable(),
  })
  .meta({ id: 'ReceiptVerification' });
export type ReceiptVerification = z.infer<typeof ReceiptVerificationSchema>;

/** `apier.filing.receipt.verify`: checks the signature only; any caller may verify any receipt it holds. */
export const VerifyReceiptRequestSchema = z.object({ receipt: SignedReceiptSchema });
export type VerifyReceiptRequest = z.infer<typeof VerifyReceiptRequestSchema>;
