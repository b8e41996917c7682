import type { Meldingskategori } from '../mva-types';
import type { XmlElement } from '../xml/safe-xml';

/** The category columns of Skatteetaten's code lists; `eHandel` has none, so nothing is valid for it. */
export type CategoryFlag = 'alminneligPrimær' | 'omvendtAvgiftsplikt' | 'kompensasjon';

export function categoryFlag(kategori: Meldingskategori): CategoryFlag | undefined {
  switch (kategori) {
    case 'alminnelig':
    case 'primaernaering':
      return 'alminneligPrimær';
    case 'omvendtAvgiftsplikt':
      return 'omvendtAvgiftsplikt';
    case 'kompensasjon':
      return 'kompensasjon';
    case 'eHandel':
      return undefined;
  }
}

/** One `<kode>` of a code list in Skatteetaten's kodelistebibliotek format. */
export interface CodeListEntry {
  kode: string;
  beskrivelse?: string;
  fradato?: string;
  tildato?: string;
  /** `kodetillegg` children by name ('SANN' marks a flag). */
  tillegg: Record<string, string>;
}

export interface CodeList {
  tekniskNavn: string;
  entries: CodeListEntry[];
}

const KODELISTE_NS = 'urn:no:skatteetaten:kodelistebibliotek:domain:v1';

export class CodeListFormatError extends Error {}

export function readCodeList(root: XmlElement): CodeList {
  if (root.name !== 'kodeliste' || root.ns !== KODELISTE_NS)
    throw new CodeListFormatError(`root is ${root.name}, not a kodeliste`);
  const tekniskNavn = childText(root, 'tekniskNavn');
  if (!tekniskNavn) throw new CodeListFormatError('kodeliste without tekniskNavn');
  const entries = root.children
    .filter((child) => child.name === 'kode')
    .map((kode): CodeListEntry => {
      const name = childText(kode, 'tekniskNavn');
      if (!name)
        throw new CodeListFormatError(`${tekniskNavn}: a kode without tekniskNavn (line ${kode.line})`);
      const validity = kode.children.find((c) => c.name === 'gyldigForBehandling');
      const norsk = kode.children
        .find((c) => c.name === 'beskrivelse')
        ?.children.find((t) => childText(t, 'spraak') === 'no');
      const tillegg: Record<string, string> = {};
      for (const extra of kode.children.find((c) => c.name === 'kodetillegg')?.children ?? [])
        tillegg[extra.name] = extra.text.trim();
      return {
        kode: name,
        ...optional('beskrivelse', norsk ? childText(norsk, 'tekst') : undefined),
        ...optional('fradato', validity ? childText(validity, 'fradato') : undefined),
        ...optional('tildato', validity ? childText(validity, 'tildato') : undefined),
        tillegg,
      };
    });
  if (entries.length === 0) throw new CodeListFormatError(`${tekniskNavn} has no codes`);
  return { tekniskNavn, entries };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

function childText(node: XmlElement, name: string): string | undefined {
  const text = node.children.find((c) => c.name === name)?.text.trim();
  return text === '' ? undefined : text;
}

/** Whether [fradato, tildato] overlaps [start, end] (ISO dates compare as strings). */
export function validDuring(
  entry: { fradato?: string; tildato?: string },
  start: string,
  end: string,
): boolean {
  return (entry.fradato ?? '0000-01-01') <= end && (entry.tildato ?? '9999-12-31') >= start;
}
