import type { Meldingskategori, Skattleggingsperiode } from '@apier/mva';

/** The Altinn 3 app Skatteetaten runs for MVA returns; `org/app` as Altinn writes it in `appId`. */
export const APP_ORG = 'skd';
export const APP_NAME = 'mva-melding-innsending-etm2';
export const APP_ID = `${APP_ORG}/${APP_NAME}`;

/** The pre-created envelope element. Documented as `…v0.1`, seen as `…v1.0` on a real instance. */
export const KONVOLUTT_DATA_TYPE = 'no.skatteetaten.fastsetting.avgift.mva.mvameldinginnsending.v1.0';
export const MELDING_DATA_TYPE = 'mvamelding';
export const VEDLEGG_DATA_TYPE = 'binaerVedlegg';
export const FEEDBACK_DATA_TYPES = {
  valideringsresultat: 'valideringsresultat',
  betalingsinformasjon: 'betalingsinformasjon',
  kvittering: 'kvittering',
} as const;

/** Skatteetaten's organisation number: `createdBy` of every element the agency writes. */
export const SKATTEETATEN_ORGNR = '974761076';

export type AltinnTaskType = 'data' | 'confirmation' | 'signing' | 'feedback';

/** The app's BPMN process: fill in, confirm (or sign, when a person must), feedback. */
export const TASKS = {
  fill: { elementId: 'Task_1', name: 'Utfylling', altinnTaskType: 'data' },
  confirm: { elementId: 'Task_2', name: 'Bekreftelse', altinnTaskType: 'confirmation' },
  sign: { elementId: 'Task_2', name: 'Signering', altinnTaskType: 'signing' },
  feedback: { elementId: 'Task_3', name: 'Tilbakemelding', altinnTaskType: 'feedback' },
} as const satisfies Record<string, { elementId: string; name: string; altinnTaskType: AltinnTaskType }>;

export type TaskDefinition = (typeof TASKS)[keyof typeof TASKS];

export interface CurrentTask {
  definition: TaskDefinition;
  started: string;
  /** Altinn numbers every move of the process; the start event is flow 1. */
  flow: number;
}

export interface StoredDataElement {
  id: string;
  dataType: string;
  filename: string | null;
  contentType: string;
  content: Buffer;
  locked: boolean;
  created: string;
  createdBy: string;
  lastChanged: string;
  lastChangedBy: string;
}

/** The return as the app read it at the end of fill-in; delivered to Skatteetaten on confirmation. */
export interface ReviewedReturn {
  regnskapssystemsreferanse: string;
  periode: Skattleggingsperiode;
  meldingskategori: Meldingskategori;
  fastsattMerverdiavgift: string;
  /** The verdict of the check at fill-in, written as the feedback file. */
  valideringsresultatXml: string;
}

export interface Delivery {
  deliveredAt: string;
  /** Epoch ms (real time) from which Skatteetaten's feedback counts as provided. */
  feedbackDueAt: number;
}

export interface AppInstance {
  guid: string;
  partyId: string;
  orgnr: string;
  created: string;
  createdBy: string;
  lastChanged: string;
  lastChangedBy: string;
  processStarted: string;
  currentTask: CurrentTask | null;
  processEnded: string | null;
  data: StoredDataElement[];
  reviewed: ReviewedReturn | null;
  delivery: Delivery | null;
  feedbackProvidedAt: string | null;
}

export function instanceId(instance: Pick<AppInstance, 'partyId' | 'guid'>): string {
  return `${instance.partyId}/${instance.guid}`;
}
