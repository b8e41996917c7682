import { type ReceiptEnvelope, ReceiptEnvelopeSchema, type SignedReceipt } from '@apier/contracts';
import type { Prisma, PrismaClient } from '@apier/db';
import { randomUUID } from 'node:crypto';
import type { ReceiptSigner } from './receipt-signer';

/** What the pipeline knows about a submitted action; the issuer adds the receipt id and time. */
export type ReceiptFacts = Omit<ReceiptEnvelope, 'receipt_id' | 'issued_at'>;

type Db = PrismaClient | Prisma.TransactionClient;
type ReceiptRow = Prisma.ReceiptGetPayload<object>;

/**
 * Issues the signed receipt of an action and stores it (`receipts`), once per action.
 *
 * Public interface: `issue(tx, facts)` → `SignedReceipt`. Idempotent per `action_id`: a repeated
 * or concurrent call (a worker resuming after a crash) gets the receipt that was stored first,
 * never a second one. Pass the pipeline step's transaction so the receipt and the step's result
 * commit together.
 */
export class ReceiptIssuer {
  constructor(
    private readonly signer: ReceiptSigner,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async issue(tx: Db, facts: ReceiptFacts): Promise<SignedReceipt> {
    const stored = await tx.receipt.findUnique({ where: { actionId: facts.action_id } });
    if (stored) return toSignedReceipt(stored);
    const issuedAt = this.now();
    const envelope = ReceiptEnvelopeSchema.parse({
      ...facts,
      receipt_id: randomUUID(),
      issued_at: issuedAt.toISOString(),
    });
    const signed = this.signer.sign(envelope);
    // ON CONFLICT DO NOTHING: whoever inserts first wins, and everyone answers with that row.
    await tx.receipt.createMany({
      data: [
        {
          id: envelope.receipt_id,
          actionId: envelope.action_id,
          keyId: signed.signature.key_id,
          envelope: envelope as unknown as Prisma.InputJsonObject,
          signature: signed.signature.value,
          issuedAt,
        },
      ],
      skipDuplicates: true,
    });
    return toSignedReceipt(await tx.receipt.findUniqueOrThrow({ where: { actionId: facts.action_id } }));
  }
}

function toSignedReceipt(row: ReceiptRow): SignedReceipt {
  return {
    envelope: row.envelope as unknown as ReceiptEnvelope,
    signature: {
      key_id: row.keyId,
      algorithm: 'HMAC-SHA256',
      canonicalization: 'RFC8785',
      value: row.signature,
    },
  };
}
