import { filingDeadline, termBounds } from '@apier/mva';
import { type AppInstance, instanceId, type ReviewedReturn } from './app-instance';
import { withMod10CheckDigit } from './kid-number';
import { xmlText } from './xml-text';

const NAMESPACE =
  'no:skatteetaten:fastsetting:avgift:mva:skattemeldingformerverdiavgift:betalingsinformasjon:v1.0';
/** The simulator's stand-in for Skatteetaten's VAT account (MOD11-valid, not the real one). */
export const SKATTEETATEN_MVA_KONTO = '76940500008';

/** `toMaaneder` → `skattleggingsperiodeToMaaneder`, the XSD's choice element. */
function periodeElement(type: string): string {
  return `skattleggingsperiode${type[0]!.toUpperCase()}${type.slice(1)}`;
}

/**
 * Writes `betalingsinformasjon.xml` per its XSD: the instance id as reference, a KID derived from
 * the organisation and the term (the same term always gets the same KID), the amount as delivered,
 * and the deadline from the deadline calendar.
 */
export class BetalingsinformasjonWriter {
  write(instance: AppInstance, reviewed: ReviewedReturn): string {
    const { periode, meldingskategori } = reviewed;
    const start = termBounds(periode).start;
    const kid = withMod10CheckDigit(
      `${instance.orgnr}${String(periode.year).slice(2)}${start.slice(5, 7)}${start.slice(8, 10)}`,
    );
    const element = periodeElement(periode.type);
    return [
      "<?xml version='1.0' encoding='UTF-8'?>",
      `<betalingsinformasjon xmlns="${NAMESPACE}">`,
      `  <innsendingsreferanse>${instanceId(instance)}</innsendingsreferanse>`,
      `  <skattepliktig>`,
      `    <organisasjonsnummer>${instance.orgnr}</organisasjonsnummer>`,
      `  </skattepliktig>`,
      `  <skattleggingsperiode>`,
      `    <periode>`,
      `      <${element}>${xmlText(periode.value)}</${element}>`,
      `    </periode>`,
      `    <aar>${periode.year}</aar>`,
      `  </skattleggingsperiode>`,
      `  <kundeidentifikasjonsnummer>${kid}</kundeidentifikasjonsnummer>`,
      `  <beloep>${xmlText(reviewed.fastsattMerverdiavgift)}</beloep>`,
      `  <betaleTil>Skatteetaten</betaleTil>`,
      `  <betalingsfrist>${filingDeadline(periode, meldingskategori).deadline}</betalingsfrist>`,
      `  <betalesTilKonto>`,
      `    <norskKontonummer>${SKATTEETATEN_MVA_KONTO}</norskKontonummer>`,
      `  </betalesTilKonto>`,
      `</betalingsinformasjon>`,
      '',
    ].join('\n');
  }
}
