import { ApierError } from '@apier/contracts';
import { PERIOD_ELEMENTS, TERM_TYPE_OF_ELEMENT } from './melding/melding-xml-names';
import { mvaData } from './mva-data';
import type { Meldingskategori, Skattleggingsperiode } from './mva-types';
import { readXml, type XmlElement } from './xml/safe-xml';
import { el, opt, renderXmlDocument } from './xml/xml-writer';
import { validateAgainstXsd } from './xsd/xsd-validator';

export const KONVOLUTT_NS = 'no:skatteetaten:fastsetting:avgift:mva:mvameldinginnsending:v1.0';

export type Kildegruppe = 'etat' | 'sluttbrukersystem' | 'sluttbruker';

export interface KonvoluttVedlegg {
  vedleggstype: 'mva-melding' | 'binaerVedlegg';
  kildegruppe: Kildegruppe;
  opprettetAv: string;
  opprettingstidspunkt?: string;
  filnavn: string;
  filekstensjon: string;
  filinnhold: string;
}

/** The envelope (MvaMeldingInnsending) in JSON form. */
export interface MvaKonvolutt {
  identifikator: { type: 'organisasjonsnummer' | 'foedselsnummer' | 'identifikasjonsnummer'; value: string };
  periode: Skattleggingsperiode;
  meldingskategori: Meldingskategori;
  innsendingstype?: 'komplett' | 'ikke komplett';
  instansstatus?: string;
  opprettetAv: string;
  opprettingstidspunkt?: string;
  vedlegg: KonvoluttVedlegg[];
  endringstidspunkt?: string;
}

export interface KonvoluttInput {
  orgnr: string;
  periode: Skattleggingsperiode;
  meldingskategori: Meldingskategori;
  /** Shown in Altinn as the one who created the submission: the user or system name. */
  opprettetAv: string;
  /** File name of the melding data element, e.g. 'mvaMelding.xml'. */
  meldingFilnavn: string;
  /** Goes into `filinnhold` (at most 4000 characters by the XSD); empty when absent. */
  meldingBase64?: string;
  /** Ordinary returns are always complete. */
  innsendingstype?: 'komplett' | 'ikke komplett';
  opprettingstidspunkt?: string;
  /** Further attachments (binaerVedlegg), listed in the envelope by name. */
  vedlegg?: { filnavn: string; filekstensjon: string; filinnhold?: string }[];
}

/**
 * The envelope Apier sends: namespaced, in XSD order, checked against the official XSD before it leaves.
 * @throws ApierError validation_failed when the input cannot make a schema-valid envelope.
 */
export function buildKonvolutt(input: KonvoluttInput): string {
  const when = input.opprettingstidspunkt;
  const vedlegg = (vedleggstype: string, filnavn: string, filekstensjon: string, filinnhold: string) =>
    el('vedlegg', [
      el('vedleggstype', vedleggstype),
      el('kildegruppe', 'sluttbrukersystem'),
      el('opprettetAv', input.opprettetAv),
      opt('opprettingstidspunkt', when),
      el('vedleggsfil', [
        el('filnavn', filnavn),
        el('filekstensjon', filekstensjon),
        el('filinnhold', filinnhold),
      ]),
    ]);
  const extension = input.meldingFilnavn.includes('.') ? input.meldingFilnavn.split('.').pop()! : 'xml';
  const root = el('mvaMeldingInnsending', [
    el('norskIdentifikator', [el('organisasjonsnummer', input.orgnr)]),
    el('skattleggingsperiode', [
      el('periode', [el(PERIOD_ELEMENTS[input.periode.type], input.periode.value)]),
      el('aar', String(input.periode.year)),
    ]),
    el('meldingskategori', input.meldingskategori),
    el('innsendingstype', input.innsendingstype ?? 'komplett'),
    el('opprettetAv', input.opprettetAv),
    opt('opprettingstidspunkt', when),
    vedlegg('mva-melding', input.meldingFilnavn, extension, input.meldingBase64 ?? ''),
    ...(input.vedlegg ?? []).map((v) =>
      vedlegg('binaerVedlegg', v.filnavn, v.filekstensjon, v.filinnhold ?? ''),
    ),
  ]);
  root.attributes = { xmlns: KONVOLUTT_NS };
  const xml = renderXmlDocument(root);
  const check = readXml(xml);
  const errors = check.ok ? validateAgainstXsd(mvaData().schemas.konvolutt, check.root) : [];
  if (!check.ok || errors.length > 0)
    throw new ApierError('validation_failed', 'The envelope does not satisfy the mvameldinginnsending XSD', {
      details: {
        problems: check.ok ? errors.map((e) => `${e.path}: ${e.message}`) : [check.problem.message],
      },
    });
  return xml;
}

export type ParseKonvoluttResult =
  { ok: true; konvolutt: MvaKonvolutt; deviations: string[] } | { ok: false; errors: string[] };

/**
 * Reads an envelope as Altinn's app does: namespaced or not (the published examples and envelopes
 * re-serialised by the app carry no namespace) and with elements out of XSD order (one published
 * example puts `endringstidspunkt` before `vedlegg`); both are reported as deviations. Anything else
 * the XSD forbids is an error.
 */
export function parseKonvolutt(xml: string): ParseKonvoluttResult {
  const read = readXml(xml);
  if (!read.ok) return { ok: false, errors: [read.problem.message] };
  const root = read.root;
  if (root.name !== 'mvaMeldingInnsending') return { ok: false, errors: [`root element is ${root.name}`] };
  if (root.ns !== '' && root.ns !== KONVOLUTT_NS)
    return { ok: false, errors: [`unknown namespace ${root.ns}`] };
  const deviations: string[] = [];
  if (root.ns === '') deviations.push('the envelope has no namespace');
  const model = mvaData().schemas.konvolutt;
  let errors = validateAgainstXsd(model, root, root.ns);
  let tree = root;
  if (errors.length > 0) {
    tree = inSequenceOrder(root);
    const reordered = validateAgainstXsd(model, tree, root.ns);
    if (reordered.length > 0) return { ok: false, errors: errors.map((e) => `${e.path}: ${e.message}`) };
    deviations.push(`elements out of XSD order: ${errors.map((e) => e.path).join(', ')}`);
    errors = reordered;
  }
  return { ok: true, konvolutt: toKonvolutt(tree), deviations };
}

const ENVELOPE_ORDER = [
  'norskIdentifikator',
  'skattleggingsperiode',
  'meldingskategori',
  'innsendingstype',
  'instansstatus',
  'opprettetAv',
  'opprettingstidspunkt',
  'vedlegg',
  'endringstidspunkt',
];

function inSequenceOrder(root: XmlElement): XmlElement {
  const rank = (name: string) => {
    const index = ENVELOPE_ORDER.indexOf(name);
    return index < 0 ? ENVELOPE_ORDER.length : index;
  };
  const children = root.children
    .map((child, index) => ({ child, index }))
    .sort((a, b) => rank(a.child.name) - rank(b.child.name) || a.index - b.index)
    .map(({ child }) => child);
  return { ...root, children };
}

function toKonvolutt(root: XmlElement): MvaKonvolutt {
  const child = (node: XmlElement, name: string) => node.children.find((c) => c.name === name);
  const text = (node: XmlElement | undefined) => node?.text.trim();
  const id = child(root, 'norskIdentifikator')!.children[0]!;
  const periode = child(root, 'skattleggingsperiode')!;
  const choice = child(periode, 'periode')!.children[0]!;
  const optional = <K extends string>(key: K, value: string | undefined) =>
    (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;
  return {
    identifikator: { type: id.name as MvaKonvolutt['identifikator']['type'], value: text(id)! },
    periode: {
      type: TERM_TYPE_OF_ELEMENT.get(choice.name)!,
      value: choice.text,
      year: Number(text(child(periode, 'aar'))),
    },
    meldingskategori: text(child(root, 'meldingskategori')) as Meldingskategori,
    ...(optional('innsendingstype', text(child(root, 'innsendingstype'))) as Pick<
      MvaKonvolutt,
      'innsendingstype'
    >),
    ...optional('instansstatus', child(root, 'instansstatus')?.text),
    opprettetAv: child(root, 'opprettetAv')!.text,
    ...optional('opprettingstidspunkt', text(child(root, 'opprettingstidspunkt'))),
    vedlegg: root.children
      .filter((c) => c.name === 'vedlegg')
      .map((v) => {
        const fil = child(v, 'vedleggsfil')!;
        return {
          vedleggstype: text(child(v, 'vedleggstype')) as KonvoluttVedlegg['vedleggstype'],
          kildegruppe: text(child(v, 'kildegruppe')) as Kildegruppe,
          opprettetAv: child(v, 'opprettetAv')!.text,
          ...optional('opprettingstidspunkt', text(child(v, 'opprettingstidspunkt'))),
          filnavn: child(fil, 'filnavn')!.text,
          filekstensjon: child(fil, 'filekstensjon')!.text,
          filinnhold: child(fil, 'filinnhold')!.text,
        };
      }),
    ...optional('endringstidspunkt', text(child(root, 'endringstidspunkt'))),
  };
}
