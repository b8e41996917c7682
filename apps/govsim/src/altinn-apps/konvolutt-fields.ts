import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Larger than any real envelope; the app's model has a handful of short fields and a file list. */
const MAX_KONVOLUTT_BYTES = 1024 * 1024;

/** The envelope as the app's data model binds it: missing elements are null, nothing is checked yet. */
export interface KonvoluttFields {
  orgnr: string | null;
  skattleggingsperiode: 'missing' | 'empty' | 'present';
  meldingskategori: string | null;
  instansstatus: string | null;
  /** `filnavn.filekstensjon` of every `binaerVedlegg` the envelope lists. */
  vedlegg: string[];
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => name === 'vedlegg',
});

type Node = Record<string, unknown>;

const textOf = (value: unknown): string | null => {
  if (typeof value === 'string') return value.trim() || null;
  if (value && typeof value === 'object' && typeof (value as Node)['#text'] === 'string')
    return ((value as Node)['#text'] as string).trim() || null;
  return null;
};

const nodeOf = (value: unknown): Node | null => (value && typeof value === 'object' ? (value as Node) : null);

/**
 * Binds an uploaded envelope leniently, namespace or not, the way the app deserialises its model
 * before checking it. Null for anything that is not well-formed XML, and for a document type
 * declaration (no entity is ever expanded).
 */
export function readKonvoluttFields(xml: string): KonvoluttFields | null {
  if (Buffer.byteLength(xml, 'utf8') > MAX_KONVOLUTT_BYTES || /<!DOCTYPE|<!ENTITY/i.test(xml)) return null;
  if (XMLValidator.validate(xml) !== true) return null;
  const root = nodeOf((parser.parse(xml) as Node)['mvaMeldingInnsending']);
  if (!root && !/<([\w.-]+:)?mvaMeldingInnsending[\s/>]/.test(xml)) return null;
  const body = root ?? {};
  const periode = nodeOf(body['skattleggingsperiode']);
  const valgt = nodeOf(periode?.['periode']);
  const populated = !!valgt && Object.values(valgt).some((v) => textOf(v)) && !!textOf(periode?.['aar']);
  return {
    orgnr: textOf(nodeOf(body['norskIdentifikator'])?.['organisasjonsnummer']),
    skattleggingsperiode: !('skattleggingsperiode' in body) ? 'missing' : populated ? 'present' : 'empty',
    meldingskategori: textOf(body['meldingskategori']),
    instansstatus: textOf(body['instansstatus']),
    vedlegg: ((body['vedlegg'] as unknown[] | undefined) ?? [])
      .map(nodeOf)
      .filter((v) => textOf(v?.['vedleggstype']) === 'binaerVedlegg')
      .map((v) => {
        const fil = nodeOf(v?.['vedleggsfil']);
        const name = textOf(fil?.['filnavn']) ?? '';
        const extension = textOf(fil?.['filekstensjon']);
        return extension && !name.toLowerCase().endsWith(`.${extension.toLowerCase()}`)
          ? `${name}.${extension}`
          : name;
      }),
  };
}
