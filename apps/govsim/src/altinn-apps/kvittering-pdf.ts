import { type AppInstance, instanceId, type ReviewedReturn } from './app-instance';
import { textPdf } from './text-pdf';

/** The receipt Skatteetaten attaches to the instance: a placeholder with the facts of the delivery. */
export function kvitteringPdf(instance: AppInstance, reviewed: ReviewedReturn, mottatt: string): Buffer {
  return textPdf('Kvittering for mva-melding', [
    'Mva-meldingen er levert og mottatt av Skatteetaten.',
    '',
    `Organisasjonsnummer: ${instance.orgnr}`,
    `Skattleggingsperiode: ${reviewed.periode.value} ${reviewed.periode.year}`,
    `Meldingskategori: ${reviewed.meldingskategori}`,
    `Fastsatt merverdiavgift: ${reviewed.fastsattMerverdiavgift}`,
    `Mottatt: ${mottatt}`,
    `Innsendingsreferanse: ${instanceId(instance)}`,
    `Regnskapssystemsreferanse: ${reviewed.regnskapssystemsreferanse}`,
  ]);
}
