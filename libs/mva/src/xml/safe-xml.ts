import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** An element with its namespace resolved, its text gathered and the line it starts on. */
export interface XmlElement {
  /** Local name, without prefix. */
  name: string;
  /** Namespace URI, '' when none. */
  ns: string;
  attributes: { name: string; value: string }[];
  children: XmlElement[];
  /** All character data directly inside the element (CDATA included), entities decoded. */
  text: string;
  line: number;
}

export type XmlReadProblem =
  | { kind: 'too_large'; message: string }
  | { kind: 'doctype'; message: string }
  | { kind: 'malformed'; message: string; line?: number };

export type XmlReadResult = { ok: true; root: XmlElement } | { ok: false; problem: XmlReadProblem };

/** Twice the biggest real return we expect; a melding with thousands of lines is still far below it. */
export const DEFAULT_MAX_XML_BYTES = 2 * 1024 * 1024;

const MAX_DEPTH = 64;

const PREDEFINED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  // Entities are decoded below, after DOCTYPE has been refused, so only XML's own five and
  // character references can ever occur: no expansion, no external fetch.
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
  captureMetaData: true,
});
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

/**
 * Reads untrusted XML. Refuses a document type declaration outright (XXE, entity expansion bombs),
 * caps the size, checks well-formedness, then builds a namespace-resolved element tree.
 */
export function readXml(xml: string, maxBytes: number = DEFAULT_MAX_XML_BYTES): XmlReadResult {
  if (typeof xml !== 'string') return malformed('the document is not text');
  const size = Buffer.byteLength(xml, 'utf8');
  if (size > maxBytes)
    return { ok: false, problem: { kind: 'too_large', message: `${size} bytes, more than ${maxBytes}` } };
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    return {
      ok: false,
      problem: { kind: 'doctype', message: 'DOCTYPE and ENTITY declarations are not accepted' },
    };
  const body = xml.replace(/^\uFEFF/, '');
  if (body.trim() === '') return malformed('the document is empty');

  const wellFormed = XMLValidator.validate(body, { allowBooleanAttributes: false });
  if (wellFormed !== true)
    return malformed(`${wellFormed.err.msg} (line ${wellFormed.err.line})`, wellFormed.err.line);

  let nodes: unknown;
  try {
    nodes = parser.parse(body);
  } catch (error) {
    return malformed(`not well-formed XML: ${(error as Error).message}`);
  }
  const lineOf = lineIndex(body);
  try {
    const roots = elementsOf(nodes, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), lineOf, 0);
    if (roots.length !== 1) return malformed('the document must have exactly one root element');
    return { ok: true, root: roots[0]! };
  } catch (error) {
    if (error instanceof XmlShapeError) return malformed(error.message, error.line);
    throw error;
  }
}

class XmlShapeError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

function malformed(message: string, line?: number): XmlReadResult {
  return { ok: false, problem: { kind: 'malformed', message, ...(line ? { line } : {}) } };
}

function elementsOf(
  nodes: unknown,
  scope: Map<string, string>,
  lineOf: (index: number) => number,
  depth: number,
): XmlElement[] {
  if (depth > MAX_DEPTH) throw new XmlShapeError(`elements nested deeper than ${MAX_DEPTH}`);
  if (!Array.isArray(nodes)) return [];
  const out: XmlElement[] = [];
  for (const node of nodes as Record<string | symbol, unknown>[]) {
    const qname = Object.keys(node).find((key) => key !== ':@');
    if (!qname || qname === '#text' || qname === '#cdata' || qname.startsWith('?')) continue;
    const meta = node[META] as { startIndex?: number } | undefined;
    const line = lineOf(meta?.startIndex ?? 0);
    const rawAttributes = (node[':@'] ?? {}) as Record<string, string>;
    const innerScope = new Map(scope);
    for (const [name, value] of Object.entries(rawAttributes)) {
      if (name === 'xmlns') innerScope.set('', value);
      else if (name.startsWith('xmlns:')) innerScope.set(name.slice(6), value);
    }
    const { prefix, local } = splitQName(qname);
    const ns = innerScope.get(prefix) ?? '';
    if (prefix !== '' && !innerScope.has(prefix))
      throw new XmlShapeError(`namespace prefix '${prefix}' is not declared`, line);
    const attributes = Object.entries(rawAttributes).map(([name, value]) => ({
      name,
      value: decodeEntities(value, line),
    }));
    const content = node[qname];
    let text = '';
    if (Array.isArray(content)) {
      for (const child of content as Record<string, unknown>[]) {
        if (typeof child['#text'] === 'string') text += decodeEntities(child['#text'], line);
        const cdata = child['#cdata'];
        if (Array.isArray(cdata))
          for (const part of cdata as Record<string, unknown>[])
            if (typeof part['#text'] === 'string') text += part['#text'];
      }
    }
    out.push({
      name: local,
      ns,
      attributes,
      children: elementsOf(content, innerScope, lineOf, depth + 1),
      text,
      line,
    });
  }
  return out;
}

export function splitQName(qname: string): { prefix: string; local: string } {
  const colon = qname.indexOf(':');
  return colon < 0
    ? { prefix: '', local: qname }
    : { prefix: qname.slice(0, colon), local: qname.slice(colon + 1) };
}

function decodeEntities(value: string, line: number): string {
  return value.replace(/&([^;&\s]*);?/g, (match, ref: string) => {
    if (!match.endsWith(';')) throw new XmlShapeError("'&' must start an entity reference", line);
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      const valid =
        /^#(x[0-9a-fA-F]+|[0-9]+)$/.test(ref) &&
        (code === 0x9 ||
          code === 0xa ||
          code === 0xd ||
          (code >= 0x20 && code <= 0xd7ff) ||
          (code >= 0xe000 && code <= 0xfffd) ||
          (code >= 0x10000 && code <= 0x10ffff));
      if (!valid) throw new XmlShapeError(`'&${ref};' is not a valid character reference`, line);
      return String.fromCodePoint(code);
    }
    const predefined = PREDEFINED_ENTITIES[ref];
    if (predefined === undefined) throw new XmlShapeError(`entity '&${ref};' is not declared`, line);
    return predefined;
  });
}

function lineIndex(text: string): (index: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (index) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= index) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}
