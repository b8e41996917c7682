import { ApierError } from '@apier/contracts';
import { z } from 'zod';
import type { UpstreamHttp } from './upstream-http';

/** The envelope element Altinn pre-creates: documented `…v0.1`, seen as `…v1.0`; matched on the prefix. */
const KONVOLUTT_DATA_TYPE_PREFIX = 'no.skatteetaten.fastsetting.avgift.mva.mvameldinginnsending';
export const MELDING_DATA_TYPE = 'mvamelding';
export const MELDING_FILENAME = 'mvaMelding.xml';
export const FEEDBACK_DATA_TYPES = {
  valideringsresultat: 'valideringsresultat',
  betalingsinformasjon: 'betalingsinformasjon',
} as const;

const DataElementSchema = z.looseObject({ id: z.string(), dataType: z.string() });
const ProcessSchema = z.looseObject({
  currentTask: z.looseObject({ elementId: z.string(), altinnTaskType: z.string() }).nullish(),
  ended: z.string().nullish(),
});
export const AppInstanceSchema = z.looseObject({
  id: z.string().regex(/^\d+\/[0-9a-f-]{36}$/i),
  instanceOwner: z.looseObject({ partyId: z.string() }),
  process: ProcessSchema.nullish(),
  data: z.array(DataElementSchema),
  dataValues: z.record(z.string(), z.unknown()).nullish(),
});
export type AppInstance = z.infer<typeof AppInstanceSchema>;
const FeedbackStatusSchema = z.looseObject({ isFeedbackProvided: z.boolean() });

/**
 * Where an instance's process stands, as far as submitting goes: still being filled in, waiting
 * for Apier to confirm, waiting for a person (signing in Altinn's inbox), or delivered (feedback
 * task or ended). Reconciliation after a crash is decided on this.
 */
export type ProcessPhase = 'filling' | 'confirming' | 'awaiting_person' | 'delivered';

export function processPhase(instance: AppInstance): ProcessPhase {
  const task = instance.process?.currentTask;
  if (instance.process?.ended || !task) return 'delivered';
  switch (task.altinnTaskType) {
    case 'data':
      return 'filling';
    case 'confirmation':
      return 'confirming';
    case 'signing':
      return 'awaiting_person';
    default:
      return 'delivered';
  }
}

export function konvoluttElementOf(instance: AppInstance) {
  return instance.data.find((e) => e.dataType.startsWith(KONVOLUTT_DATA_TYPE_PREFIX)) ?? null;
}

export function meldingElementOf(instance: AppInstance) {
  return instance.data.find((e) => e.dataType === MELDING_DATA_TYPE) ?? null;
}

/**
 * The Altinn 3 app `skd/mva-melding-innsending-etm2` (reference §3.6), with an Altinn token of
 * the company's System User. Every URL is built from the configured app base, never taken from a
 * response, so the token is never sent anywhere else.
 */
export class AltinnAppClient {
  private readonly base: string;

  constructor(
    appUrl: string,
    private readonly http: UpstreamHttp,
  ) {
    this.base = appUrl.replace(/\/+$/, '');
  }

  async createInstance(token: string, orgnr: string): Promise<AppInstance> {
    const response = await this.http.send({
      method: 'POST',
      url: `${this.base}/instances`,
      token,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ instanceOwner: { organisationNumber: orgnr } }),
    });
    return parseJson(AppInstanceSchema, response.text, 'instance');
  }

  async getInstance(token: string, instanceId: string): Promise<AppInstance> {
    const response = await this.http.send({
      method: 'GET',
      url: this.instanceUrl(instanceId),
      token,
      headers: { accept: 'application/json' },
    });
    return parseJson(AppInstanceSchema, response.text, 'instance');
  }

  /** Fills the pre-created envelope element; PUT replaces, so doing it twice is harmless. */
  async putKonvolutt(token: string, instanceId: string, dataId: string, xml: string): Promise<void> {
    await this.http.send({
      method: 'PUT',
      url: `${this.instanceUrl(instanceId)}/data/${encodeURIComponent(dataId)}`,
      token,
      headers: { 'content-type': 'application/xml', accept: 'application/json' },
      body: xml,
    });
  }

  /** Adds the melding: a new element each time, so callers first check it is not there yet. */
  async postMelding(token: string, instanceId: string, xml: string): Promise<string> {
    const response = await this.http.send({
      method: 'POST',
      url: `${this.instanceUrl(instanceId)}/data?dataType=${MELDING_DATA_TYPE}`,
      token,
      headers: {
        'content-type': 'text/xml',
        'content-disposition': `attachment; filename=${MELDING_FILENAME}`,
        accept: 'application/json',
      },
      body: xml,
    });
    return parseJson(DataElementSchema, response.text, 'data element').id;
  }

  /** Moves the process one task on and answers where it now stands. */
  async processNext(token: string, instanceId: string): Promise<z.infer<typeof ProcessSchema>> {
    const response = await this.http.send({
      method: 'PUT',
      url: `${this.instanceUrl(instanceId)}/process/next`,
      token,
      headers: { accept: 'application/json' },
    });
    return parseJson(ProcessSchema, response.text, 'process state');
  }

  async feedbackProvided(token: string, instanceId: string): Promise<boolean> {
    const response = await this.http.send({
      method: 'GET',
      url: `${this.instanceUrl(instanceId)}/feedback/status`,
      token,
      headers: { accept: 'application/json' },
    });
    return parseJson(FeedbackStatusSchema, response.text, 'feedback status').isFeedbackProvided;
  }

  async downloadData(token: string, instanceId: string, dataId: string): Promise<string> {
    const response = await this.http.send({
      method: 'GET',
      url: `${this.instanceUrl(instanceId)}/data/${encodeURIComponent(dataId)}`,
      token,
    });
    return response.text;
  }

  private instanceUrl(instanceId: string): string {
    const [partyId, guid] = instanceId.split('/');
    return `${this.base}/instances/${encodeURIComponent(partyId!)}/${encodeURIComponent(guid!)}`;
  }
}

function parseJson<T extends z.ZodType>(schema: T, text: string, what: string): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new ApierError('upstream_bad_response', `Altinn answered with an unusable ${what}`, {
      details: { upstream: 'altinn' },
    });
  return parsed.data;
}
