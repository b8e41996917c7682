import { createHash, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPKCS8, SignJWT } from 'jose';
import {
  findSecretsInLine,
  redactedExcerpt,
  redactSecrets,
  scanLogDirectory,
  scanText,
  SECRET_DETECTORS,
} from '@apier/testing';
// Beside the real key generator, so the suite-wide secret scan follows the key format if it changes.
import { displayPrefix, generateApiKey, hashApiKey } from './api-key-format';

const detectorsIn = (line: string) => findSecretsInLine(line).map((m) => m.detector);
const logLine = (fields: Record<string, unknown>) =>
  JSON.stringify({ level: 30, time: Date.now(), pid: 4242, msg: 'request completed', ...fields });

describe('secret detectors', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });

  async function signedJwt(): Promise<string> {
    const key = await importPKCS8(
      rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      'RS256',
    );
    return new SignJWT({ scope: 'altinn:authentication/systemuser.request.write' })
      .setProtectedHeader({ alg: 'RS256', kid: 'apier-1' })
      .setIssuer('client-id')
      .setAudience('https://test.maskinporten.no/')
      .setIssuedAt()
      .setExpirationTime('2m')
      .setJti(randomUUID())
      .sign(key);
  }

  it('names every detector', () => {
    expect(SECRET_DETECTORS.map((d) => d.name)).toEqual([
      'jwt',
      'pem-private-key',
      'private-jwk',
      'apier-api-key',
      'approval-token',
      'approver-session',
    ]);
  });

  describe('finds', () => {
    it('a signed JWT (token or JWT grant assertion), bare, as a Bearer header and as a form field', async () => {
      const jwt = await signedJwt();
      expect(detectorsIn(jwt)).toEqual(['jwt']);
      expect(detectorsIn(logLine({ req: { headers: { authorization: `Bearer ${jwt}` } } }))).toEqual(['jwt']);
      expect(
        detectorsIn(`grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=${jwt}`),
      ).toEqual(['jwt']);
    });

    it('PEM private keys in PKCS#8, PKCS#1 and SEC1, also inside a JSON string', () => {
      const pems = [
        rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
        ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString(),
      ];
      for (const pem of pems) {
        expect(detectorsIn(pem.split('\n')[0]!)).toEqual(['pem-private-key']);
        expect(detectorsIn(logLine({ err: { message: `bad key ${pem}` } }))).toEqual(['pem-private-key']);
      }
    });

    it('private JWK members, also when the JWK is stringified inside another JSON line', () => {
      for (const key of [rsa.privateKey, ec.privateKey]) {
        const jwk = key.export({ format: 'jwk' });
        expect(detectorsIn(logLine({ jwk }))).toContain('private-jwk');
        expect(detectorsIn(logLine({ msg: `loaded ${JSON.stringify(jwk)}` }))).toContain('private-jwk');
        expect(detectorsIn(JSON.stringify(JSON.stringify({ jwk })))).toContain('private-jwk');
      }
    });

    it('Apier API keys of both modes, bare and in headers', () => {
      for (const mode of ['live', 'test'] as const) {
        const { key } = generateApiKey(mode);
        expect(detectorsIn(key)).toEqual(['apier-api-key']);
        expect(detectorsIn(logLine({ req: { headers: { authorization: `Bearer ${key}` } } }))).toEqual([
          'apier-api-key',
        ]);
        expect(detectorsIn(`x-api-key: ${key}`)).toEqual(['apier-api-key']);
      }
    });

    it('several secrets on one line, each once', async () => {
      const line = logLine({ token: await signedJwt(), apiKey: generateApiKey('test').key });
      expect(detectorsIn(line).sort()).toEqual(['apier-api-key', 'jwt']);
    });
  });

  describe('leaves alone', () => {
    const publicJwk = rsa.publicKey.export({ format: 'jwk' });
    const generated = generateApiKey('live');
    const negatives: Record<string, string> = {
      'a trace id and span id': logLine({
        traceId: randomBytes(16).toString('hex'),
        spanId: randomBytes(8).toString('hex'),
        traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
      }),
      'request ids and UUIDs': logLine({
        reqId: 'req-1f',
        requestId: randomUUID(),
        correlationId: randomUUID(),
      }),
      'SHA-256 hex (also of an API key)': logLine({
        payloadHash: createHash('sha256').update('x').digest('hex'),
        keyHash: hashApiKey(generated.key, 'pepper'),
      }),
      'base64 content hashes': logLine({
        digest: `sha-256=:${createHash('sha256').update('x').digest('base64')}:`,
        integrity: `sha512-${createHash('sha512').update('x').digest('base64')}`,
        etag: createHash('sha256').update('y').digest('base64url'),
      }),
      'redacted values and a bare Bearer': logLine({
        req: { headers: { authorization: '[REDACTED]', 'approval-token': '[REDACTED]' } },
        msg: 'Bearer',
        scheme: 'Bearer ',
      }),
      'a public JWK': logLine({ jwks: { keys: [publicJwk] } }),
      "an API key's display prefix and last four": logLine({
        prefix: displayPrefix('live', generated.keyId),
        lastFour: generated.lastFour,
      }),
      'a lone base64url JSON segment (not a JWT)': logLine({
        header: Buffer.from('{"alg":"RS256"}').toString('base64url'),
      }),
      'a public key PEM header': '-----BEGIN PUBLIC KEY-----',
      '"d" without "kty"': logLine({ d: 'abcdefghijklmnopqrstuvwxyz012345' }),
    };
    it.each(Object.entries(negatives))('%s', (_name, line) => {
      expect(findSecretsInLine(line)).toEqual([]);
    });
  });

  describe('findings', () => {
    it('report detector, file, line number and an excerpt without the secret', async () => {
      const jwt = await signedJwt();
      const { key } = generateApiKey('test');
      const pem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const jwk = ec.privateKey.export({ format: 'jwk' });
      const text = [
        logLine({ msg: 'fine' }),
        logLine({ token: jwt, apiKey: key }),
        logLine({ msg: 'fine' }),
        logLine({ err: pem }),
        logLine({ jwk }),
        '',
      ].join('\n');

      const { lines, findings } = scanText(text, 'x/123-gateway.log');

      expect(lines).toBe(5);
      expect(findings.map(({ detector, file, line }) => ({ detector, file, line }))).toEqual([
        { detector: 'jwt', file: 'x/123-gateway.log', line: 2 },
        { detector: 'apier-api-key', file: 'x/123-gateway.log', line: 2 },
        { detector: 'pem-private-key', file: 'x/123-gateway.log', line: 4 },
        { detector: 'private-jwk', file: 'x/123-gateway.log', line: 5 },
      ]);
      const excerpts = findings.map((f) => f.excerpt).join('\n');
      for (const secret of [
        jwt,
        jwt.split('.')[2]!,
        key,
        key.slice(11),
        pem.split('\n')[1]!,
        String(jwk.d),
      ]) {
        expect(excerpts).not.toContain(secret);
      }
      expect(findings[0]!.excerpt).toContain('"token":"[SECRET:jwt]"');
      expect(findings[1]!.excerpt).toContain('"apiKey":"[SECRET:apier-api-key]"');
    });

    it('redact before cutting, so an excerpt never holds part of a secret', async () => {
      const jwt = await signedJwt();
      const line = `${'x'.repeat(200)} ${jwt} ${'y'.repeat(200)}`;
      expect(redactSecrets(line)).toBe(`${'x'.repeat(200)} [SECRET:jwt] ${'y'.repeat(200)}`);
      expect(redactedExcerpt(line, 0)).toBe(`…${'x'.repeat(59)} [SECRET:jwt] ${'y'.repeat(59)}…`);
    });

    it('come from every .log file of a directory written since a given time', () => {
      const dir = mkdtempSync(join(tmpdir(), 'apier-secret-scan-'));
      writeFileSync(
        join(dir, '1-gateway.log'),
        `${logLine({ msg: 'a' })}\n${logLine({ k: generateApiKey('live').key })}\n`,
      );
      writeFileSync(join(dir, '2-govsim.log'), `${logLine({ msg: 'b' })}\n`);
      writeFileSync(join(dir, 'notes.txt'), generateApiKey('live').key);

      const result = scanLogDirectory(dir);
      expect(result).toMatchObject({ files: 2, lines: 3 });
      expect(result.findings).toEqual([expect.objectContaining({ detector: 'apier-api-key', line: 2 })]);
      expect(result.findings[0]!.file).toMatch(/1-gateway\.log$/);

      expect(scanLogDirectory(dir, Date.now() + 60_000)).toEqual({ files: 0, lines: 0, findings: [] });
      expect(scanLogDirectory(join(dir, 'missing'))).toEqual({ files: 0, lines: 0, findings: [] });
    });
  });
});
