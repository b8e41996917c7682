import {
  canonicalJson,
  type ReceiptEnvelope,
  type ReceiptVerification,
  type SignedReceipt,
} from '@apier/contracts';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ReceiptKey } from './receipt-keyring';

/**
 * Signs and verifies receipts with the Standard Webhooks `v1` scheme, so one verifier checks
 * webhooks and receipts:
 *
 *   value = "v1," + base64(HMAC-SHA256(secret, `${receipt_id}.${unix seconds of issued_at}.${JCS(envelope)}`))
 *
 * where JCS is RFC 8785 canonical JSON of the whole envelope. The first key of the keyring signs;
 * every key verifies, so a key is rotated by putting the new one first and dropping the old one
 * only when its receipts no longer need checking. Comparison is constant-time.
 *
 * Public interface: `new ReceiptSigner(keys)`, `sign(envelope)` → `SignedReceipt`,
 * `verify(receipt)` → `ReceiptVerification` (`reason`: `unknown_key`, `malformed_signature`,
 * `signature_mismatch`).
 */
export class ReceiptSigner {
  private readonly byId: Map<string, ReceiptKey>;

  constructor(private readonly keys: readonly ReceiptKey[]) {
    if (keys.length === 0) throw new Error('A receipt signer needs at least one key');
    this.byId = new Map(keys.map((k) => [k.id, k]));
  }

  get signingKeyId(): string {
    return this.keys[0]!.id;
  }

  sign(envelope: ReceiptEnvelope): SignedReceipt {
    const key = this.keys[0]!;
    return {
      envelope,
      signature: {
        key_id: key.id,
        algorithm: 'HMAC-SHA256',
        canonicalization: 'RFC8785',
        value: `v1,${mac(key.secret, envelope).toString('base64')}`,
      },
    };
  }

  verify(receipt: SignedReceipt): ReceiptVerification {
    const keyId = receipt.signature.key_id;
    const key = this.byId.get(keyId);
    if (!key) return { valid: false, key_id: keyId, reason: 'unknown_key' };
    const presented = decodeSignatures(receipt.signature.value);
    if (!presented) return { valid: false, key_id: keyId, reason: 'malformed_signature' };
    const expected = mac(key.secret, receipt.envelope);
    // Every entry is compared, so the time taken does not say which one matched.
    const valid = presented.map((sig) => timingSafeEqual(sig, expected)).includes(true);
    return { valid, key_id: keyId, reason: valid ? null : 'signature_mismatch' };
  }
}

/** The exact bytes that are signed; exported so specs can check the scheme independently. */
export function signedContent(envelope: ReceiptEnvelope): string {
  const issuedAtSeconds = Math.floor(Date.parse(envelope.issued_at) / 1000);
  return `${envelope.receipt_id}.${issuedAtSeconds}.${canonicalJson(envelope)}`;
}

function mac(secret: Buffer, envelope: ReceiptEnvelope): Buffer {
  return createHmac('sha256', secret).update(signedContent(envelope), 'utf8').digest();
}

const V1_SIGNATURE = /^v1,([A-Za-z0-9+/]{43}=)$/;

/** Space-separated `v1,<base64>` entries, as in a `webhook-signature` header during a rotation. */
function decodeSignatures(value: string): Buffer[] | null {
  const entries = value.split(' ').filter((entry) => entry.length > 0);
  const matches = entries.map((entry) => V1_SIGNATURE.exec(entry));
  if (matches.length === 0 || matches.some((m) => !m)) return null;
  return matches.map((m) => Buffer.from(m![1]!, 'base64'));
}
