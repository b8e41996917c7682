import { createHash } from 'node:crypto';
import { canonicalJson, type ExecuteActionBody } from '@apier/contracts';

/** SHA-256 (hex) of the RFC 8785 canonical JSON of `{type, orgnr, payload}`; approvals bind to it. */
export function payloadHash(body: ExecuteActionBody): string {
  const canonical = canonicalJson({ type: body.type, orgnr: body.orgnr, payload: body.payload });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
