import type { FastifyReply } from 'fastify';
import { sendWire, type WireResponse } from '../http/wire-response';
import { skatteetatenError } from './skatteetaten-errors';

/** One innsyn answer before it is written as JSON or XML. */
export interface InnsynDocument {
  /** Root element of the XML form (the JSON form is the body alone). */
  root: string;
  namespace: string;
  body: Record<string, unknown>;
}

export type InnsynAnswer = { document: InnsynDocument } | { refusal: WireResponse };

type Format = 'json' | 'xml';

/**
 * Skatteetaten's innsyn APIs answer XML or JSON as the Accept header asks. The first media type we
 * can produce wins (q-values are not weighed); no header or a wildcard means JSON.
 */
export function innsynFormat(accept: string | undefined): Format | null {
  if (!accept || accept.trim() === '') return 'json';
  for (const part of accept.split(',')) {
    const type = part.split(';')[0]!.trim().toLowerCase();
    if (type === 'application/json' || type === 'application/*' || type === '*/*') return 'json';
    if (type === 'application/xml' || type === 'text/xml') return 'xml';
  }
  return null;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Elements in property order; arrays repeat their element, null and undefined are left out. */
function elements(name: string, value: unknown, indent: string): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((item) => elements(name, item, indent)).join('');
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([child, v]) => elements(child, v, `${indent}  `))
      .join('');
    return `${indent}<${name}>\n${inner}${indent}</${name}>\n`;
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`;
}

export function innsynXml(document: InnsynDocument): string {
  const inner = Object.entries(document.body)
    .map(([name, value]) => elements(name, value, '  '))
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${document.root} xmlns="${document.namespace}">\n${inner}</${document.root}>\n`;
}

export function sendInnsyn(reply: FastifyReply, answer: InnsynAnswer, accept: string | undefined): void {
  if ('refusal' in answer) return sendWire(reply, answer.refusal);
  const format = innsynFormat(accept);
  if (format === null) {
    const melding = 'Støttede formater er application/json og application/xml';
    return sendWire(reply, skatteetatenError(406, 'IKKE_STOTTET_FORMAT', melding));
  }
  if (format === 'json') return sendWire(reply, { status: 200, body: answer.document.body });
  reply.code(200).type('application/xml; charset=utf-8').send(innsynXml(answer.document));
}
