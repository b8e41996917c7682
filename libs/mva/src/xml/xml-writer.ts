/** A small, strict XML writer: every text is escaped, elements come out in the order given. */
export type XmlNode = {
  name: string;
  children?: XmlNode[];
  text?: string;
  attributes?: Record<string, string>;
};

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
}

/** Drops children whose value is undefined, so optional fields can be listed inline. */
export function el(name: string, content?: string | (XmlNode | undefined)[]): XmlNode {
  if (content === undefined || typeof content === 'string') return { name, text: content ?? '' };
  return { name, children: content.filter((c): c is XmlNode => c !== undefined) };
}

export function opt(name: string, value: string | undefined): XmlNode | undefined {
  return value === undefined ? undefined : el(name, value);
}

export function renderXmlDocument(root: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${render(root, '')}\n`;
}

function render(node: XmlNode, indent: string): string {
  const attributes = Object.entries(node.attributes ?? {})
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  if (node.children) {
    if (node.children.length === 0) return `${indent}<${node.name}${attributes}/>`;
    const inner = node.children.map((c) => render(c, `${indent}  `)).join('\n');
    return `${indent}<${node.name}${attributes}>\n${inner}\n${indent}</${node.name}>`;
  }
  const text = node.text ?? '';
  return text === ''
    ? `${indent}<${node.name}${attributes}/>`
    : `${indent}<${node.name}${attributes}>${escapeXml(text)}</${node.name}>`;
}
