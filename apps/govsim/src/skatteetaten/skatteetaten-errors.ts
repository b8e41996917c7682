import { randomUUID } from 'node:crypto';
import { json, type WireResponse } from '../http/wire-response';

/** Skatteetaten's APIs answer errors with a code, a Norwegian message and a correlation id. */
export function skatteetatenError(status: 400 | 404 | 406, kode: string, melding: string): WireResponse {
  return json(status, { kode, melding, korrelasjonsid: randomUUID() });
}
