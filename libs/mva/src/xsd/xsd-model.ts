import type { XmlElement } from '../xml/safe-xml';

/**
 * The subset of XML Schema 1.0 that Skatteetaten's mva XSDs use — global elements, named complex types
 * with nested sequence/choice and occurrence bounds, named simple types restricting a built-in or each
 * other with enumeration/length/maxLength/pattern — compiled from the official files at load time.
 * Anything outside the subset throws at load, so a changed XSD cannot be half-understood silently.
 */
export type BuiltinType = 'string' | 'decimal' | 'gYear' | 'dateTime' | 'long';

export interface SimpleTypeLevel {
  enumeration?: string[];
  length?: number;
  maxLength?: number;
  /** Patterns of one derivation step are alternatives; every step must be satisfied. */
  patterns?: RegExp[];
}

export interface SimpleType {
  kind: 'simple';
  name: string;
  builtin: BuiltinType;
  levels: SimpleTypeLevel[];
}

export type Particle =
  | { kind: 'element'; name: string; type: string; min: number; max: number }
  | { kind: 'sequence' | 'choice'; items: Particle[]; min: number; max: number };

export interface ComplexType {
  kind: 'complex';
  name: string;
  particle: Particle;
}

export interface XsdModel {
  targetNamespace: string;
  rootElements: Map<string, string>;
  types: Map<string, SimpleType | ComplexType>;
}

const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
const BUILTINS: Record<string, BuiltinType> = {
  string: 'string',
  decimal: 'decimal',
  gYear: 'gYear',
  dateTime: 'dateTime',
  long: 'long',
};
const IGNORED = new Set(['annotation']);

export class XsdUnsupportedError extends Error {}

export function compileXsd(schema: XmlElement): XsdModel {
  if (schema.ns !== XSD_NS || schema.name !== 'schema') throw new XsdUnsupportedError('not an XML Schema');
  const targetNamespace = attribute(schema, 'targetNamespace') ?? '';
  const rootElements = new Map<string, string>();
  const simpleDefs = new Map<string, XmlElement>();
  const complexDefs = new Map<string, XmlElement>();
  for (const child of xsdChildren(schema)) {
    const name = required(child, 'name');
    if (child.name === 'element') rootElements.set(name, required(child, 'type'));
    else if (child.name === 'simpleType') simpleDefs.set(name, child);
    else if (child.name === 'complexType') complexDefs.set(name, child);
    else throw new XsdUnsupportedError(`top-level xsd:${child.name}`);
  }

  const types = new Map<string, SimpleType | ComplexType>();
  const resolveSimple = (name: string, seen: Set<string>): SimpleType => {
    const done = types.get(name);
    if (done?.kind === 'simple') return done;
    const def = simpleDefs.get(name);
    if (!def) throw new XsdUnsupportedError(`unknown simple type ${name}`);
    if (seen.has(name)) throw new XsdUnsupportedError(`circular simple type ${name}`);
    const restriction = xsdChildren(def);
    if (restriction.length !== 1 || restriction[0]!.name !== 'restriction')
      throw new XsdUnsupportedError(`simple type ${name} is not a restriction`);
    const base = required(restriction[0]!, 'base');
    const level = facets(restriction[0]!, name);
    const builtin = builtinOf(base);
    const compiled: SimpleType = builtin
      ? { kind: 'simple', name, builtin, levels: [level] }
      : (() => {
          const parent = resolveSimple(base, new Set([...seen, name]));
          return { kind: 'simple', name, builtin: parent.builtin, levels: [...parent.levels, level] };
        })();
    types.set(name, compiled);
    return compiled;
  };
  for (const name of simpleDefs.keys()) resolveSimple(name, new Set());
  for (const [name, def] of complexDefs) {
    const content = xsdChildren(def);
    if (content.length !== 1) throw new XsdUnsupportedError(`complex type ${name} needs one model group`);
    types.set(name, { kind: 'complex', name, particle: particle(content[0]!) });
  }

  const checkType = (type: string, where: string) => {
    if (!types.has(type) && !builtinOf(type))
      throw new XsdUnsupportedError(`${where} refers to unknown type ${type}`);
  };
  for (const [element, type] of rootElements) checkType(type, `element ${element}`);
  for (const type of types.values())
    if (type.kind === 'complex')
      forEachElement(type.particle, (p) => checkType(p.type, `${type.name}/${p.name}`));
  return { targetNamespace, rootElements, types };
}

export function builtinOf(typeName: string): BuiltinType | undefined {
  const colon = typeName.indexOf(':');
  return colon < 0 ? undefined : BUILTINS[typeName.slice(colon + 1)];
}

export function forEachElement(
  p: Particle,
  visit: (element: Extract<Particle, { kind: 'element' }>) => void,
): void {
  if (p.kind === 'element') visit(p);
  else p.items.forEach((item) => forEachElement(item, visit));
}

function particle(node: XmlElement): Particle {
  const min = occurs(attribute(node, 'minOccurs'), 1);
  const max = occurs(attribute(node, 'maxOccurs'), 1);
  if (node.name === 'element')
    return { kind: 'element', name: required(node, 'name'), type: required(node, 'type'), min, max };
  if (node.name === 'sequence' || node.name === 'choice')
    return { kind: node.name, items: xsdChildren(node).map(particle), min, max };
  throw new XsdUnsupportedError(`xsd:${node.name} in a content model`);
}

function facets(restriction: XmlElement, typeName: string): SimpleTypeLevel {
  const level: SimpleTypeLevel = {};
  for (const facet of xsdChildren(restriction)) {
    const value = required(facet, 'value');
    switch (facet.name) {
      case 'enumeration':
        (level.enumeration ??= []).push(value);
        break;
      case 'length':
        level.length = Number(value);
        break;
      case 'maxLength':
        level.maxLength = Number(value);
        break;
      case 'pattern':
        (level.patterns ??= []).push(new RegExp(`^(?:${value})$`, 'u'));
        break;
      default:
        throw new XsdUnsupportedError(`facet xsd:${facet.name} on ${typeName}`);
    }
  }
  return level;
}

function xsdChildren(node: XmlElement): XmlElement[] {
  return node.children.filter((child) => {
    if (child.ns !== XSD_NS) throw new XsdUnsupportedError(`non-schema element ${child.name}`);
    return !IGNORED.has(child.name);
  });
}

function occurs(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (value === 'unbounded') return Number.POSITIVE_INFINITY;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new XsdUnsupportedError(`occurrence '${value}'`);
  return n;
}

function attribute(node: XmlElement, name: string): string | undefined {
  return node.attributes.find((a) => a.name === name)?.value;
}

function required(node: XmlElement, name: string): string {
  const value = attribute(node, name);
  if (value === undefined) throw new XsdUnsupportedError(`xsd:${node.name} without @${name}`);
  return value;
}
