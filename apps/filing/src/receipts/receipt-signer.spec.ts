import { type ReceiptEnvelope, type SignedReceipt, SignedReceiptSchema } from '@apier/contracts';
import { createHmac, randomBytes } from 'node:crypto';
import { DEV_RECEIPT_KEY, type ReceiptKey } from './receipt-keyring';
import { ReceiptSigner, signedContent } from './receipt-signer';

const key = (id: string): ReceiptKey => ({ id, secret: randomBytes(32) });

const ENVELOPE: ReceiptEnvelope = {
  receipt_id: '0b6f2c1e-5a7d-4f3e-9c2b-1d8e7f6a5b4c',
  action_id: '7e1d2c3b-4a5f-4e6d-8c7b-9a0f1e2d3c4b',
  account_id: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
  orgnr: '999999999',
  type: 'mva_melding',
  payload_hash: 'a'.repeat(64),
  altinn_instance_id: '50001234/8b1e3e0a-5c2d-4f6e-9a7b-3c4d5e6f7a8b',
  feedback_reference: null,
  status: 'submitted',
  submitted_at: '2026-11-25T12:00:00.000Z',
  issued_at: '2026-11-25T12:00:05.123Z',
};

/** DESIGN §4 invariant 7: HMAC-SHA256 over the RFC 8785 envelope with a key id; keys rotate. */
describe('receipt signatures', () => {
  it('follow the Standard Webhooks v1 scheme over the canonical envelope', () => {
    const signing = key('k2026');
    const receipt = new ReceiptSigner([signing]).sign(ENVELOPE);
    expect(SignedReceiptSchema.parse(receipt)).toEqual(receipt);
    // Recomputed here from the contract's description, as a customer's verifier would.
    const content =
      `${ENVELOPE.receipt_id}.1795608005.` +
      '{"account_id":"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f","action_id":"7e1d2c3b-4a5f-4e6d-8c7b-9a0f1e2d3c4b",' +
      '"altinn_instance_id":"50001234/8b1e3e0a-5c2d-4f6e-9a7b-3c4d5e6f7a8b","feedback_reference":null,' +
      `"issued_at":"2026-11-25T12:00:05.123Z","orgnr":"999999999","payload_hash":"${'a'.repeat(64)}",` +
      '"receipt_id":"0b6f2c1e-5a7d-4f3e-9c2b-1d8e7f6a5b4c","status":"submitted",' +
      '"submitted_at":"2026-11-25T12:00:00.000Z","type":"mva_melding"}';
    expect(signedContent(ENVELOPE)).toBe(content);
    expect(receipt.signature).toEqual({
      key_id: 'k2026',
      algorithm: 'HMAC-SHA256',
      canonicalization: 'RFC8785',
      value: `v1,${createHmac('sha256', signing.secret).update(content).digest('base64')}`,
    });
  });

  it('verify whatever the member order of the envelope the customer sends back', () => {
    const signer = new ReceiptSigner([key('k1')]);
    const receipt = signer.sign(ENVELOPE);
    const reordered = Object.fromEntries(Object.entries(receipt.envelope).reverse()) as ReceiptEnvelope;
    expect(signer.verify({ ...receipt, envelope: reordered })).toEqual({
      valid: true,
      key_id: 'k1',
      reason: null,
    });
  });

  it.each<[keyof ReceiptEnvelope, unknown]>([
    ['orgnr', '974760673'],
    ['payload_hash', 'b'.repeat(64)],
    ['status', 'needs_confirmation'],
    ['feedback_reference', 'ref-1'],
    ['issued_at', '2026-11-25T12:00:06.123Z'],
    ['receipt_id', '0b6f2c1e-5a7d-4f3e-9c2b-1d8e7f6a5b4d'],
  ])('fail when %s is changed', (field, value) => {
    const signer = new ReceiptSigner([key('k1')]);
    const receipt = signer.sign(ENVELOPE);
    const tampered = { ...receipt, envelope: { ...receipt.envelope, [field]: value } } as SignedReceipt;
    expect(signer.verify(tampered)).toEqual({ valid: false, key_id: 'k1', reason: 'signature_mismatch' });
  });

  it('keep verifying across a rotation until the old key is dropped', () => {
    const old = key('k2025');
    const next = key('k2026');
    const before = new ReceiptSigner([old]).sign(ENVELOPE);
    const during = new ReceiptSigner([next, old]);
    const after = new ReceiptSigner([next]);

    expect(during.signingKeyId).toBe('k2026');
    expect(during.sign(ENVELOPE).signature.key_id).toBe('k2026');
    expect(during.verify(before)).toEqual({ valid: true, key_id: 'k2025', reason: null });
    expect(after.verify(before)).toEqual({ valid: false, key_id: 'k2025', reason: 'unknown_key' });
    expect(after.verify(during.sign(ENVELOPE)).valid).toBe(true);
  });

  it('do not verify under another key of the same id', () => {
    const receipt = new ReceiptSigner([key('k1')]).sign(ENVELOPE);
    expect(new ReceiptSigner([key('k1')]).verify(receipt).reason).toBe('signature_mismatch');
    expect(new ReceiptSigner([DEV_RECEIPT_KEY]).verify(receipt).reason).toBe('unknown_key');
  });

  it('accept a space-separated list during a rotation, as webhook-signature does', () => {
    const signer = new ReceiptSigner([key('k1')]);
    const receipt = signer.sign(ENVELOPE);
    const decoy = `v1,${randomBytes(32).toString('base64')}`;
    const listed = {
      ...receipt,
      signature: { ...receipt.signature, value: `${decoy} ${receipt.signature.value}` },
    };
    expect(signer.verify(listed).valid).toBe(true);
    const decoys = { ...receipt, signature: { ...receipt.signature, value: `${decoy} ${decoy}` } };
    expect(signer.verify(decoys).reason).toBe('signature_mismatch');
  });

  it.each([
    ['no version', 'K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4='],
    ['another version', `v1a,${randomBytes(32).toString('base64')}`],
    ['a short MAC', `v1,${randomBytes(16).toString('base64')}`],
    ['not base64', 'v1,!!!!'],
    ['only spaces', '   '],
  ])('call %s a malformed signature', (_name, value) => {
    const signer = new ReceiptSigner([key('k1')]);
    const receipt = signer.sign(ENVELOPE);
    expect(signer.verify({ ...receipt, signature: { ...receipt.signature, value } })).toEqual({
      valid: false,
      key_id: 'k1',
      reason: 'malformed_signature',
    });
  });
});
