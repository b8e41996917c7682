import type { XmlElement } from '../xml/safe-xml';
import { checkSimpleValue } from './simple-values';
import type { ComplexType, Particle, SimpleType, XsdModel } from './xsd-model';

export interface XsdError {
  path: string;
  line: number;
  message: string;
}

const ALLOWED_FOREIGN_ATTRIBUTES = new Set(['schemaLocation', 'noNamespaceSchemaLocation']);

/**
 * Validates an element tree against a compiled schema the way a strict XSD validator does: qualified
 * names, strict sequence and choice, occurrence bounds, no undeclared attributes, no text in
 * element-only content, and every simple value checked against its type's facets. The schemas are
 * deterministic (Unique Particle Attribution), so greedy matching is exact.
 *
 * @param rootNamespace the namespace the root and its descendants must carry; defaults to the schema's.
 */
export function validateAgainstXsd(
  model: XsdModel,
  root: XmlElement,
  rootNamespace: string = model.targetNamespace,
): XsdError[] {
  const errors: XsdError[] = [];
  const typeName = model.rootElements.get(root.name);
  if (!typeName || root.ns !== rootNamespace) {
    errors.push({
      path: `/${root.name}`,
      line: root.line,
      message: `Element '${qualified(root)}': No matching global declaration available for the validation root.`,
    });
    return errors;
  }
  new Validation(model, rootNamespace, errors).element(root, typeName, `/${root.name}`);
  return errors;
}

function qualified(element: XmlElement): string {
  return element.ns ? `{${element.ns}}${element.name}` : element.name;
}

class Validation {
  constructor(
    private readonly model: XsdModel,
    private readonly ns: string,
    private readonly errors: XsdError[],
  ) {}

  element(node: XmlElement, typeName: string, path: string): void {
    for (const attribute of node.attributes) {
      const local = attribute.name.includes(':') ? attribute.name.split(':')[1]! : attribute.name;
      const isNamespace = attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:');
      const isSchemaHint = attribute.name.includes(':') && ALLOWED_FOREIGN_ATTRIBUTES.has(local);
      if (!isNamespace && !isSchemaHint)
        this.fail(node, path, `The attribute '${attribute.name}' is not allowed.`);
    }
    const type = this.model.types.get(typeName);
    if (!type || type.kind === 'simple') {
      this.simple(node, type, typeName, path);
      return;
    }
    this.complex(node, type, path);
  }

  private simple(node: XmlElement, type: SimpleType | undefined, typeName: string, path: string): void {
    if (node.children.length > 0) {
      this.fail(
        node,
        path,
        'Element content is not allowed, because the content type is a simple type definition.',
      );
      return;
    }
    const problem = checkSimpleValue(node.text, type ?? typeName);
    if (problem) this.fail(node, path, `'${node.text}' is not a valid value: ${problem}.`);
  }

  private complex(node: XmlElement, type: ComplexType, path: string): void {
    if (node.text.trim() !== '') {
      this.fail(
        node,
        path,
        'Character content other than whitespace is not allowed because the content type is element-only.',
      );
      return;
    }
    const cursor = { pos: 0, counts: new Map<string, number>() };
    const matched = this.particle(type.particle, node, path, cursor);
    if (!matched.ok) {
      const next = node.children[cursor.pos];
      if (next) this.unexpected(next, path, matched.expected);
      else this.fail(node, path, `Missing child element(s). Expected is ( ${matched.expected.join(', ')} ).`);
      return;
    }
    const extra = node.children[cursor.pos];
    if (extra) this.unexpected(extra, path, []);
  }

  private particle(
    p: Particle,
    parent: XmlElement,
    path: string,
    cursor: { pos: number; counts: Map<string, number> },
  ): { ok: true } | { ok: false; expected: string[] } {
    let reps = 0;
    while (reps < p.max) {
      const next = parent.children[cursor.pos];
      if (p.kind === 'element') {
        if (!next || next.name !== p.name || next.ns !== this.ns) break;
        const index = (cursor.counts.get(p.name) ?? 0) + 1;
        cursor.counts.set(p.name, index);
        const childPath = `${path}/${p.name}${p.max > 1 ? `[${index}]` : ''}`;
        this.element(next, p.type, childPath);
        cursor.pos++;
      } else {
        const start = cursor.pos;
        if (!next || !this.first(p).has(next.name) || next.ns !== this.ns) break;
        if (p.kind === 'sequence') {
          for (const item of p.items) {
            const result = this.particle(item, parent, path, cursor);
            if (!result.ok) return result;
          }
        } else {
          const branch = p.items.find((item) => this.first(item).has(next.name));
          const result = this.particle(branch!, parent, path, cursor);
          if (!result.ok) return result;
        }
        if (cursor.pos === start) break;
      }
      reps++;
    }
    if (reps >= p.min || (reps === 0 && this.nullable(p))) return { ok: true };
    return { ok: false, expected: [...this.first(p)] };
  }

  private first(p: Particle): Set<string> {
    if (p.kind === 'element') return new Set([p.name]);
    const names = new Set<string>();
    for (const item of p.items) {
      this.first(item).forEach((name) => names.add(name));
      if (p.kind === 'sequence' && !this.nullable(item)) break;
    }
    return names;
  }

  private nullable(p: Particle): boolean {
    if (p.min === 0) return true;
    if (p.kind === 'element') return false;
    return p.kind === 'sequence'
      ? p.items.every((item) => this.nullable(item))
      : p.items.some((item) => this.nullable(item));
  }

  private unexpected(node: XmlElement, parentPath: string, expected: string[]): void {
    const tail = expected.length > 0 ? ` Expected is ( ${expected.join(', ')} ).` : '';
    this.fail(node, `${parentPath}/${node.name}`, `This element is not expected.${tail}`);
  }

  private fail(node: XmlElement, path: string, message: string): void {
    this.errors.push({ path, line: node.line, message: `Element '${qualified(node)}': ${message}` });
  }
}
