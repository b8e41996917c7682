import { createPrismaClient, type PrismaClient } from '@apier/db';
import { createIsolatedSchema, type IsolatedSchema } from '@apier/testing';
import { randomBytes } from 'node:crypto';
import { type ReceiptFacts, ReceiptIssuer } from './receipt-issuer';
import { ReceiptSigner } from './receipt-signer';

/** One receipt per action, however often or concurrently the pipeline's receipt step runs. */
describe('receipt issuer (real Postgres)', () => {
  let db: IsolatedSchema;
  let prisma: PrismaClient;
  const signer = new ReceiptSigner([{ id: 'k1', secret: randomBytes(32) }]);
  let clock = new Date('2026-11-25T12:00:00.000Z');
  const issuer = new ReceiptIssuer(signer, () => clock);

  beforeAll(async () => {
    db = await createIsolatedSchema();
    prisma = createPrismaClient({ url: db.url, schema: db.schema, poolSize: 12 });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });

  async function submittedAction(): Promise<ReceiptFacts> {
    const account = await prisma.account.create({ data: { name: 'Alfa' } });
    const approval = await prisma.approvalRequest.create({
      data: {
        accountId: account.id,
        orgnr: '999999999',
        actionType: 'mva_melding',
        payloadHash: 'c'.repeat(64),
        summary: {},
        preflight: [],
        expiresAt: clock,
      },
    });
    const action = await prisma.action.create({
      data: {
        accountId: account.id,
        orgnr: '999999999',
        type: 'mva_melding',
        payloadHash: 'c'.repeat(64),
        payload: '<mvaMeldingDto/>',
        approvalRequestId: approval.id,
        idempotencyKey: randomBytes(12).toString('hex'),
        step: 'receipt',
      },
    });
    return {
      action_id: action.id,
      account_id: account.id,
      orgnr: action.orgnr,
      type: action.type,
      payload_hash: action.payloadHash,
      altinn_instance_id: '50001234/8b1e3e0a-5c2d-4f6e-9a7b-3c4d5e6f7a8b',
      feedback_reference: 'KV-2026-000123',
      status: 'submitted',
      submitted_at: '2026-11-25T11:59:00.000Z',
    };
  }

  it('signs the facts with a new receipt id and the issue time, and stores exactly what it signed', async () => {
    const facts = await submittedAction();
    const receipt = await prisma.$transaction((tx) => issuer.issue(tx, facts));
    expect(receipt.envelope).toEqual({
      ...facts,
      receipt_id: expect.any(String),
      issued_at: clock.toISOString(),
    });
    expect(signer.verify(receipt)).toEqual({ valid: true, key_id: 'k1', reason: null });
    const row = await prisma.receipt.findUniqueOrThrow({ where: { actionId: facts.action_id } });
    expect(row).toMatchObject({
      id: receipt.envelope.receipt_id,
      keyId: 'k1',
      signature: receipt.signature.value,
      issuedAt: clock,
    });
    expect(signer.verify({ envelope: row.envelope as never, signature: receipt.signature }).valid).toBe(true);
  });

  it('answers a repeated call with the stored receipt, even with a later clock', async () => {
    const facts = await submittedAction();
    const first = await issuer.issue(prisma, facts);
    clock = new Date(clock.getTime() + 60_000);
    expect(await issuer.issue(prisma, facts)).toEqual(first);
  });

  it('stores one receipt when ten workers issue it at once', async () => {
    const facts = await submittedAction();
    const receipts = await Promise.all(
      Array.from({ length: 10 }, () => prisma.$transaction((tx) => issuer.issue(tx, facts))),
    );
    expect(new Set(receipts.map((r) => r.envelope.receipt_id)).size).toBe(1);
    expect(await prisma.receipt.count({ where: { actionId: facts.action_id } })).toBe(1);
  });

  it('refuses facts that do not make a valid envelope', async () => {
    const facts = await submittedAction();
    await expect(issuer.issue(prisma, { ...facts, payload_hash: 'short' })).rejects.toThrow();
    await expect(issuer.issue(prisma, { ...facts, extra: 1 } as ReceiptFacts)).rejects.toThrow();
    expect(await prisma.receipt.count({ where: { actionId: facts.action_id } })).toBe(0);
  });
});
