import type { FastifyReply } from 'fastify';

/**
 * A simulated agency's answer exactly as it goes on the wire. Status codes and empty bodies carry
 * meaning for the registries (Brreg's 404 has no body at all), so the domain code decides them and
 * controllers only send.
 */
export interface WireResponse {
  status: number;
  /** Serialised as JSON; undefined means an empty body. */
  body?: unknown;
  contentType?: string;
}

export function json(status: number, body: unknown, contentType = 'application/json'): WireResponse {
  return { status, body, contentType };
}

export function empty(status: number): WireResponse {
  return { status };
}

export function sendWire(reply: FastifyReply, wire: WireResponse): void {
  reply.code(wire.status);
  if (wire.body === undefined) {
    reply.send();
    return;
  }
  reply.type(wire.contentType ?? 'application/json').send(JSON.stringify(wire.body));
}
