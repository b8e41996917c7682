import { mvaData } from '../mva-data';
import type { Merknad, Meldingskategori, MvaLinje, MvaMelding, MvaViolation } from '../mva-types';
import { violation } from '../rules/violation';
import { DEFAULT_MAX_XML_BYTES, readXml, type XmlElement } from '../xml/safe-xml';
import { validateAgainstXsd } from '../xsd/xsd-validator';
import { GRUNNLAG_PATH, linePath, MELDING_NS, ROOT_PATH, TERM_TYPE_OF_ELEMENT } from './melding-xml-names';

export type ParseMvaMeldingResult =
  { ok: true; melding: MvaMelding } | { ok: false; violations: MvaViolation[] };

/** A parsed melding plus the source line of each element path, for violation reports. */
export interface LocatedMelding {
  melding: MvaMelding;
  lineOf: Map<string, number>;
}

/**
 * Reads an mva-melding safely: refuses DOCTYPE/ENTITY declarations (no entity is ever expanded),
 * caps the size, then validates against the official XSD. Every failure is rule R001.
 */
export function parseMvaMelding(xml: string, options: { maxBytes?: number } = {}): ParseMvaMeldingResult {
  const result = readMvaMelding(xml, options.maxBytes);
  return result.ok ? { ok: true, melding: result.located.melding } : result;
}

export function readMvaMelding(
  xml: string,
  maxBytes: number = DEFAULT_MAX_XML_BYTES,
): { ok: true; located: LocatedMelding } | { ok: false; violations: MvaViolation[] } {
  const read = readXml(xml, maxBytes);
  if (!read.ok)
    return {
      ok: false,
      violations: [
        violation('R001', '/', {
          details: read.problem.message,
          ...(read.problem.kind === 'malformed' && read.problem.line ? { line: read.problem.line } : {}),
        }),
      ],
    };
  const errors = validateAgainstXsd(mvaData().schemas.melding, read.root, MELDING_NS);
  if (errors.length > 0)
    return {
      ok: false,
      violations: errors.map((e) => violation('R001', e.path, { line: e.line, details: e.message })),
    };
  return { ok: true, located: toMelding(read.root) };
}

/** Maps an XSD-valid tree to the JSON form. Strings keep their exact text; numbers are trimmed. */
function toMelding(root: XmlElement): LocatedMelding {
  const lineOf = new Map<string, number>([[ROOT_PATH, root.line]]);
  const child = (node: XmlElement, name: string) => node.children.find((c) => c.name === name);
  const text = (node: XmlElement | undefined) => node?.text;
  const number = (node: XmlElement | undefined) => node?.text.trim();
  const merknad = (node: XmlElement | undefined): Merknad | undefined => {
    const choice = node?.children[0];
    if (!choice) return undefined;
    return choice.name === 'beskrivelse' ? { beskrivelse: choice.text } : { utvalgtMerknad: choice.text };
  };

  const innsending = child(root, 'innsending')!;
  const system = child(innsending, 'regnskapssystem');
  const grunnlag = child(root, 'skattegrunnlagOgBeregnetSkatt')!;
  const periode = child(grunnlag, 'skattleggingsperiode')!;
  const choice = child(periode, 'periode')!.children[0]!;
  const aar = child(periode, 'aar')!;
  const skattepliktig = child(root, 'skattepliktig')!;
  lineOf.set(`${GRUNNLAG_PATH}/skattleggingsperiode`, periode.line);
  lineOf.set(`${GRUNNLAG_PATH}/fastsattMerverdiavgift`, child(grunnlag, 'fastsattMerverdiavgift')!.line);

  const linjer = grunnlag.children
    .filter((c) => c.name === 'mvaSpesifikasjonslinje')
    .map((node, index): MvaLinje => {
      lineOf.set(linePath(index), node.line);
      for (const field of node.children) lineOf.set(linePath(index, field.name), field.line);
      const linje: MvaLinje = {
        mvaKode: text(child(node, 'mvaKode'))!,
        merverdiavgift: number(child(node, 'merverdiavgift'))!,
      };
      const spesifikasjon = text(child(node, 'spesifikasjon'));
      const kodeRegnskap = text(child(node, 'mvaKodeRegnskapsystem'));
      const grunnlagBeloep = number(child(node, 'grunnlag'));
      const sats = text(child(node, 'sats'));
      const lineMerknad = merknad(child(node, 'merknad'));
      return {
        mvaKode: linje.mvaKode,
        ...(spesifikasjon !== undefined ? { spesifikasjon } : {}),
        ...(kodeRegnskap !== undefined ? { mvaKodeRegnskapsystem: kodeRegnskap } : {}),
        ...(grunnlagBeloep !== undefined ? { grunnlag: grunnlagBeloep } : {}),
        ...(sats !== undefined ? { sats } : {}),
        merverdiavgift: linje.merverdiavgift,
        ...(lineMerknad ? { merknad: lineMerknad } : {}),
      };
    });

  const kid = text(child(child(root, 'betalingsinformasjon')!, 'kundeIdentifikasjonsnummer'));
  const orgnr = text(child(skattepliktig, 'organisasjonsnummer'));
  const voec = text(child(skattepliktig, 'identifikasjonsnummer'));
  const systemversjon = system ? text(child(system, 'systemversjon')) : undefined;
  const meldingMerknad = merknad(child(root, 'merknad'));
  const kidNode = child(child(root, 'betalingsinformasjon')!, 'kundeIdentifikasjonsnummer');
  if (kidNode) lineOf.set(`${ROOT_PATH}/betalingsinformasjon/kundeIdentifikasjonsnummer`, kidNode.line);
  lineOf.set(`${ROOT_PATH}/skattepliktig`, skattepliktig.line);
  lineOf.set(`${ROOT_PATH}/meldingskategori`, child(root, 'meldingskategori')!.line);
  const merknadNode = child(root, 'merknad');
  if (merknadNode) lineOf.set(`${ROOT_PATH}/merknad`, merknadNode.line);

  const melding: MvaMelding = {
    regnskapssystemsreferanse: text(child(innsending, 'regnskapssystemsreferanse'))!,
    ...(system
      ? {
          regnskapssystem: {
            systemnavn: text(child(system, 'systemnavn'))!,
            ...(systemversjon !== undefined ? { systemversjon } : {}),
          },
        }
      : {}),
    periode: {
      type: TERM_TYPE_OF_ELEMENT.get(choice.name)!,
      value: choice.text,
      year: Number(aar.text.trim()),
    },
    fastsattMerverdiavgift: number(child(grunnlag, 'fastsattMerverdiavgift'))!,
    linjer,
    ...(kid !== undefined ? { kid } : {}),
    ...(orgnr !== undefined ? { orgnr } : {}),
    ...(voec !== undefined ? { identifikasjonsnummer: voec } : {}),
    meldingskategori: text(child(root, 'meldingskategori')) as Meldingskategori,
    ...(meldingMerknad ? { merknad: meldingMerknad } : {}),
  };
  return { melding, lineOf };
}
