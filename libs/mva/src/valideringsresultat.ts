import { ApierError } from '@apier/contracts';
import { mvaData } from './mva-data';
import type { MvaValidationResult, MvaValidationStatus, MvaViolation } from './mva-types';
import { readXml, type XmlElement } from './xml/safe-xml';
import { el, opt, renderXmlDocument, type XmlNode } from './xml/xml-writer';
import { validateAgainstXsd } from './xsd/xsd-validator';
import { statusOf } from './validate-mva-melding';

export const VALIDERINGSRESULTAT_NS = 'no:skatteetaten:fastsetting:avgift:mva:valideringsresultat:v1';

const AVVIKSTYPE_OF_STATUS: Record<MvaValidationStatus, string> = {
  GYLDIG_SKATTEMELDING: 'ingen avvik',
  AVVIKENDE_SKATTEMELDING: 'avvikende skattemelding',
  UGYLDIG_SKATTEMELDING: 'ugyldig skattemelding',
};

/**
 * The validation answer as XML. `v1` (default) is the official valideringsresultat v1 XSD shape, used by
 * the validation API and the feedback after submission; `legacy` is the older shape of the API
 * documentation (`status` + `valideringsfeil`), kept for clients that still expect it; it has no place
 * for line numbers or codes, and names the rule by its technical name (`avvikKode`).
 */
export function renderValideringsresultat(
  result: Pick<MvaValidationResult, 'status' | 'violations'>,
  opts: { shape?: 'v1' | 'legacy' } = {},
): string {
  if (opts.shape === 'legacy') return renderLegacy(result);
  const root = el('valideringsresultat', [
    el('avvikVedMeldingslevering', AVVIKSTYPE_OF_STATUS[result.status]),
    ...result.violations.map((v) =>
      el('avvik', [
        el('stiTilAvvik', tekst(v.path)!),
        opt('mvaKode', tekst(v.mvaKode)),
        opt('xmlLinjenummer', v.line === undefined ? undefined : String(v.line)),
        el('avviksinformasjon', [
          el('begrunnelse', technicalName(v.ruleId)),
          el('avvikstype', v.avvikstype),
          el('avvikKode', v.ruleId),
          el('regelDefinisjon', v.message),
          opt('detaljer', tekst(v.details)),
        ]),
      ]),
    ),
  ]);
  root.attributes = { xmlns: VALIDERINGSRESULTAT_NS };
  return renderXmlDocument(root);
}

/** The v1 XSD's `Tekst` holds at most 4000 characters; echoed input (paths, codes) can be longer. */
function tekst(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const chars = [...value];
  return chars.length <= 4000 ? value : `${chars.slice(0, 3999).join('')}…`;
}

function renderLegacy(result: Pick<MvaValidationResult, 'status' | 'violations'>): string {
  const root: XmlNode = el('valideringsresultat', [
    el('status', result.status),
    ...result.violations.map((v) =>
      el('valideringsfeil', [
        el('stiTilFeil', v.path),
        el('valideringsDetaljer', [
          el('feilmelding', v.message),
          el(
            'alvorlighetsgrad',
            v.severity === 'rejected' ? 'UGYLDIG_SKATTEMELDING' : 'AVVIKENDE_SKATTEMELDING',
          ),
          el('avvikKode', technicalName(v.ruleId)),
          opt('informasjon', v.details),
        ]),
      ]),
    ),
  ]);
  return renderXmlDocument(root);
}

function technicalName(ruleId: string): string {
  return mvaData().rules.get(ruleId)?.name ?? ruleId;
}

/**
 * Reads either shape back (namespaced v1, or the un-namespaced legacy shape).
 * @throws ApierError upstream_bad_response when the document is neither.
 */
export function parseValideringsresultat(xml: string): MvaValidationResult {
  const read = readXml(xml);
  if (!read.ok) throw bad(read.problem.message);
  const root = read.root;
  if (root.name !== 'valideringsresultat') throw bad(`root element is ${root.name}`);
  if (root.ns === VALIDERINGSRESULTAT_NS) {
    const errors = validateAgainstXsd(mvaData().schemas.valideringsresultat, root);
    if (errors.length > 0) throw bad(errors[0]!.message);
    return parseV1(root);
  }
  return parseLegacy(root);
}

function parseV1(root: XmlElement): MvaValidationResult {
  const verdict = text(child(root, 'avvikVedMeldingslevering'));
  const violations = root.children
    .filter((c) => c.name === 'avvik')
    .flatMap((avvik) =>
      avvik.children
        .filter((c) => c.name === 'avviksinformasjon')
        .map((info) =>
          toViolation({
            ruleId: text(child(info, 'avvikKode')) ?? '',
            rejected: text(child(info, 'avvikstype')) !== 'avvikende skattemelding',
            path: raw(child(avvik, 'stiTilAvvik')) ?? '',
            message: raw(child(info, 'regelDefinisjon')) ?? '',
            line: text(child(avvik, 'xmlLinjenummer')),
            mvaKode: raw(child(avvik, 'mvaKode')),
            details: raw(child(info, 'detaljer')),
          }),
        ),
    );
  const status: MvaValidationStatus =
    verdict === 'ugyldig skattemelding' || verdict === 'mangelfull skattemelding'
      ? 'UGYLDIG_SKATTEMELDING'
      : verdict === 'avvikende skattemelding'
        ? 'AVVIKENDE_SKATTEMELDING'
        : statusOf(violations);
  return { status, violations };
}

function parseLegacy(root: XmlElement): MvaValidationResult {
  const status = text(child(root, 'status'));
  if (
    status !== 'GYLDIG_SKATTEMELDING' &&
    status !== 'AVVIKENDE_SKATTEMELDING' &&
    status !== 'UGYLDIG_SKATTEMELDING'
  )
    throw bad(`unknown status '${status}'`);
  const byName = new Map([...mvaData().rules.values()].map((r) => [r.name, r.ruleId]));
  const violations = root.children
    .filter((c) => c.name === 'valideringsfeil')
    .map((feil) => {
      const details = child(feil, 'valideringsDetaljer');
      const code = text(details && child(details, 'avvikKode')) ?? '';
      return toViolation({
        ruleId: byName.get(code) ?? code,
        rejected: text(details && child(details, 'alvorlighetsgrad')) !== 'AVVIKENDE_SKATTEMELDING',
        path: text(child(feil, 'stiTilFeil')) ?? '',
        message: text(details && child(details, 'feilmelding')) ?? '',
        line: undefined,
        mvaKode: undefined,
        details: text(details && child(details, 'informasjon')),
      });
    });
  return { status, violations };
}

function toViolation(v: {
  ruleId: string;
  rejected: boolean;
  path: string;
  message: string;
  line: string | undefined;
  mvaKode: string | undefined;
  details: string | undefined;
}): MvaViolation {
  const line = v.line !== undefined ? Number(v.line) : undefined;
  return {
    ruleId: v.ruleId,
    severity: v.rejected ? 'rejected' : 'deviation',
    avvikstype: v.rejected ? 'ugyldig skattemelding' : 'avvikende skattemelding',
    path: v.path,
    message: v.message,
    ...(line !== undefined && Number.isSafeInteger(line) ? { line } : {}),
    ...(v.mvaKode !== undefined ? { mvaKode: v.mvaKode } : {}),
    ...(v.details !== undefined ? { details: v.details } : {}),
  };
}

function child(node: XmlElement | undefined, name: string): XmlElement | undefined {
  return node?.children.find((c) => c.name === name);
}

function text(node: XmlElement | undefined): string | undefined {
  return node?.text.trim();
}

/** Free text (`Tekst`) keeps its whitespace, as the XSD's string type does. */
function raw(node: XmlElement | undefined): string | undefined {
  return node?.text;
}

function bad(reason: string): ApierError {
  return new ApierError('upstream_bad_response', `Not a valideringsresultat: ${reason}`);
}
