import { canonicalJson } from '@apier/contracts';
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { AppProcess } from './support/app-process';
import { expectProblem } from './support/expect-problem';
import { readJson } from './support/read-json';
import { ApproverWorld, type Json } from './support/approver-world';

jest.setTimeout(60_000);

const OLD = { id: 'k2025', secret: randomBytes(32) };
const NEW = { id: 'k2026', secret: randomBytes(32) };
const keyring = (...keys: { id: string; secret: Buffer }[]) =>
  keys.map((k) => `${k.id}:${k.secret.toString('base64')}`).join(',');

/** A receipt signed exactly as the contract describes, the way a customer's verifier recomputes it. */
function signed(key: { id: string; secret: Buffer }, overrides: Json = {}): Json {
  const envelope = {
    receipt_id: randomUUID(),
    action_id: randomUUID(),
    account_id: randomUUID(),
    orgnr: '999999999',
    type: 'mva_melding',
    payload_hash: 'ab'.repeat(32),
    altinn_instance_id: `50001234/${randomUUID()}`,
    feedback_reference: null,
    status: 'submitted',
    submitted_at: '2026-11-25T11:59:00.000Z',
    issued_at: '2026-11-25T12:00:05.123Z',
    ...overrides,
  };
  const content = `${envelope.receipt_id}.${Math.floor(Date.parse(envelope.issued_at) / 1000)}.${canonicalJson(envelope)}`;
  return {
    envelope,
    signature: {
      key_id: key.id,
      algorithm: 'HMAC-SHA256',
      canonicalization: 'RFC8785',
      value: `v1,${createHmac('sha256', key.secret).update(content).digest('base64')}`,
    },
  };
}

const isReady = (line: Record<string, unknown>) =>
  typeof line['msg'] === 'string' && /ready$/.test(line['msg'] as string);

/** DESIGN §4 invariant 7: receipts verify through the gateway, keys rotate, tampering shows. */
describe('receipts verify across a key rotation', () => {
  let world: ApproverWorld;
  let key: string;
  let filing: AppProcess;

  beforeAll(async () => {
    world = await ApproverWorld.start(['gateway', 'filing'], { RECEIPT_SIGNING_KEYS: keyring(NEW, OLD) });
    key = (await world.account('Regnskap A')).key;
    filing = world.stack.app('filing');
  }, 120_000);
  afterAll(async () => {
    await world?.stop();
  });

  const verify = (body: Json, apiKey: string | null = key) =>
    world.post('/api/v1/receipts/verify', body, apiKey ? { authorization: `Bearer ${apiKey}` } : {});

  async function restartFiling(overrides: Record<string, string>): Promise<void> {
    await filing.stop();
    const from = filing.logs.length;
    filing.start(overrides);
    await filing.waitForLog(isReady, from);
  }

  it('accepts receipts of the signing key and of an older key still listed, whatever the member order', async () => {
    for (const receipt of [signed(NEW), signed(OLD)]) {
      const response = await verify(receipt);
      expect(response.status).toBe(200);
      expect(await readJson(response)).toEqual({
        valid: true,
        key_id: receipt.signature.key_id,
        reason: null,
      });
    }
    const reordered = signed(NEW);
    reordered.envelope = Object.fromEntries(Object.entries(reordered.envelope).reverse());
    expect(await readJson(await verify(reordered))).toMatchObject({ valid: true });
  });

  it('shows tampering, a forged key id and a malformed signature as invalid, with the reason', async () => {
    const tampered = signed(NEW);
    tampered.envelope.payload_hash = 'cd'.repeat(32);
    expect(await readJson(await verify(tampered))).toEqual({
      valid: false,
      key_id: 'k2026',
      reason: 'signature_mismatch',
    });

    const relabelled = signed(OLD);
    relabelled.signature.key_id = 'k2026';
    expect(await readJson(await verify(relabelled))).toMatchObject({
      valid: false,
      reason: 'signature_mismatch',
    });

    expect(await readJson(await verify(signed({ id: 'k1999', secret: randomBytes(32) })))).toEqual({
      valid: false,
      key_id: 'k1999',
      reason: 'unknown_key',
    });
    const garbled = signed(NEW);
    garbled.signature.value = 'v2,abc';
    expect(await readJson(await verify(garbled))).toMatchObject({
      valid: false,
      reason: 'malformed_signature',
    });
  });

  it('refuses what is not a receipt with 400, and callers without an API key with 401', async () => {
    const extra = signed(NEW);
    extra.envelope.note = 'added';
    await expectProblem(await verify(extra), 400, 'validation_failed');
    const missing = signed(NEW);
    delete missing.signature.canonicalization;
    await expectProblem(await verify(missing), 400, 'validation_failed');
    await expectProblem(await verify(signed(NEW, { issued_at: 'yesterday' })), 400, 'validation_failed');
    await expectProblem(await verify('not json at all'), 400, 'validation_failed');
    await expectProblem(await verify(signed(NEW), null), 401, 'unauthenticated');
  });

  it('answers unknown_key for the old key once it is dropped from the keyring', async () => {
    const old = signed(OLD);
    await restartFiling({ RECEIPT_SIGNING_KEYS: keyring(NEW) });
    expect(await readJson(await verify(old))).toEqual({
      valid: false,
      key_id: 'k2025',
      reason: 'unknown_key',
    });
    expect(await readJson(await verify(signed(NEW)))).toMatchObject({ valid: true });
  });

  it('answers 503 while the filing service is down, and never hangs', async () => {
    await filing.stop();
    const response = await verify(signed(NEW));
    await expectProblem(response, 503, 'service_unavailable');
    expect(response.headers.get('retry-after')).toBe('1');
    await restartFiling({});
  });

  it('refuses to start in live without keys, and says so without a secret', async () => {
    await filing.stop();
    const from = filing.rawOutput.length;
    filing.start({ APIER_ENVIRONMENT: 'live', RECEIPT_SIGNING_KEYS: '' });
    await filing.waitForExit();
    expect(filing.rawOutput.slice(from).join('\n')).toContain(
      'RECEIPT_SIGNING_KEYS: receipt signing keys are required when APIER_ENVIRONMENT=live',
    );
  });

  it('signs with a public, clearly named development key when none is set outside live, and warns', async () => {
    const from = filing.logs.length;
    filing.start({ RECEIPT_SIGNING_KEYS: '' });
    await filing.waitForLog(isReady, from);
    const warning = filing.logs
      .slice(from)
      .find((l) => String(l['msg']).startsWith('RECEIPT_SIGNING_KEYS is not set'));
    expect(warning).toMatchObject({ level: 'warn', key_id: 'dev-insecure-public' });
    const devSecret = createHash('sha256')
      .update('apier development receipt key: public, never for live')
      .digest();
    expect(JSON.stringify(filing.logs)).not.toContain(devSecret.toString('base64'));
    expect(
      await readJson(await verify(signed({ id: 'dev-insecure-public', secret: devSecret }))),
    ).toMatchObject({
      valid: true,
    });
    expect(await readJson(await verify(signed(NEW)))).toMatchObject({ valid: false, reason: 'unknown_key' });
  });
});
