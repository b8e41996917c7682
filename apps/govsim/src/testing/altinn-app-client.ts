import type { LightMyRequestResponse } from 'fastify';
import { TEST_BASE_URL, type RunningGovsim } from './govsim-test-app';
import { MaskinportenTestClient } from './maskinporten-test-client';

export const APP_PATH = '/skd/mva-melding-innsending-etm2';
export const MVA_PACKAGE = 'urn:altinn:accesspackage:merverdiavgift';
export const FILER_VENDOR_ORGNR = '991825827';
/** Every scope a filing vendor asks Maskinporten for. */
export const FILER_SCOPES = [
  'altinn:instances.read',
  'altinn:instances.write',
  'skatteetaten:mvameldingvalidering',
];

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A path govsim serves, from an absolute self link it wrote. */
export function pathOf(url: string): string {
  return url.startsWith(TEST_BASE_URL) ? url.slice(TEST_BASE_URL.length) : url;
}

/**
 * A filing vendor as the auth-broker is one: a Maskinporten client whose system is in Altinn's
 * register, System Users per customer, and Altinn tokens from the real token exchange.
 */
export class MvaFiler {
  private constructor(
    private readonly govsim: RunningGovsim,
    readonly client: MaskinportenTestClient,
    readonly systemId: string,
  ) {}

  static async register(govsim: RunningGovsim, name = 'mvafiler'): Promise<MvaFiler> {
    const client = await MaskinportenTestClient.register(govsim, {
      clientId: `${name}-client`,
      orgnr: FILER_VENDOR_ORGNR,
      scopes: FILER_SCOPES,
    });
    const systemId = `${FILER_VENDOR_ORGNR}_${name}`;
    const system = await govsim.inject({
      method: 'POST',
      url: '/govsim/control/altinn/systems',
      payload: {
        id: systemId,
        vendor_orgnr: FILER_VENDOR_ORGNR,
        client_ids: [client.clientId],
        access_packages: [MVA_PACKAGE],
      },
    });
    if (system.statusCode !== 201 && system.statusCode !== 200) throw new Error(`system: ${system.body}`);
    return new MvaFiler(govsim, client, systemId);
  }

  /** The company's administrator approves a System User with these access packages; returns its id. */
  async grant(orgnr: string, packages: string[] = [MVA_PACKAGE]): Promise<string> {
    const response = await this.govsim.inject({
      method: 'POST',
      url: '/govsim/control/altinn/system-users',
      payload: { system_id: this.systemId, orgnr, access_packages: packages },
    });
    if (response.statusCode >= 300) throw new Error(`system user: ${response.body}`);
    return response.json().id as string;
  }

  async maskinportenToken(orgnr: string, scopes: string[] = FILER_SCOPES): Promise<string> {
    return this.client.token(scopes, { orgnr });
  }

  /** A System User token for the customer, exchanged for an Altinn token. */
  async altinnToken(orgnr: string, scopes: string[] = FILER_SCOPES): Promise<string> {
    const exchanged = await this.govsim.inject({
      method: 'GET',
      url: '/authentication/api/v1/exchange/maskinporten',
      headers: { authorization: `Bearer ${await this.maskinportenToken(orgnr, scopes)}` },
    });
    if (exchanged.statusCode !== 200) throw new Error(`exchange: ${exchanged.statusCode}`);
    return exchanged.body;
  }

  session(token: string): AppSession {
    return new AppSession(this.govsim, token);
  }
}

/** The app's API as the documented client calls it, with one bearer token. */
export class AppSession {
  constructor(
    private readonly govsim: RunningGovsim,
    readonly token: string,
  ) {}

  call(
    method: Method,
    url: string,
    options: { payload?: string | Buffer | object; headers?: Record<string, string> } = {},
  ): Promise<LightMyRequestResponse> {
    return this.govsim.inject({
      method,
      url: pathOf(url),
      headers: { authorization: `Bearer ${this.token}`, ...options.headers },
      ...(options.payload === undefined ? {} : { payload: options.payload }),
    });
  }

  createInstance(orgnr: string): Promise<LightMyRequestResponse> {
    return this.call('POST', `${APP_PATH}/instances`, {
      payload: { instanceOwner: { organisationNumber: orgnr } },
    });
  }

  putKonvolutt(instance: AppInstanceJson, xml: string): Promise<LightMyRequestResponse> {
    const element = instance.data.find((d) => d.dataType.includes('mvameldinginnsending'))!;
    return this.call('PUT', element.selfLinks.apps, {
      payload: xml,
      headers: { 'content-type': 'application/xml' },
    });
  }

  postData(
    instance: AppInstanceJson,
    dataType: string,
    body: string | Buffer,
    contentType: string,
    filename?: string,
  ): Promise<LightMyRequestResponse> {
    return this.call('POST', `${instance.selfLinks.apps}/data?dataType=${dataType}`, {
      payload: body,
      headers: {
        'content-type': contentType,
        ...(filename === undefined ? {} : { 'content-disposition': `attachment; filename=${filename}` }),
      },
    });
  }

  postMelding(instance: AppInstanceJson, xml: string, filename = 'mvaMelding.xml') {
    return this.postData(instance, 'mvamelding', xml, 'text/xml', filename);
  }

  next(instance: AppInstanceJson): Promise<LightMyRequestResponse> {
    return this.call('PUT', `${instance.selfLinks.apps}/process/next`, {
      headers: { 'content-type': 'application/json' },
      payload: {},
    });
  }

  get(instance: AppInstanceJson): Promise<LightMyRequestResponse> {
    return this.call('GET', instance.selfLinks.apps);
  }
}

/** The parts of the instance JSON the specs navigate by. */
export interface AppInstanceJson {
  id: string;
  instanceOwner: { partyId: string; organisationNumber: string };
  selfLinks: { apps: string; platform: string };
  process: { currentTask: { elementId: string; altinnTaskType: string } | null; ended: string | null };
  status: { isArchived: boolean; substatus: { label: string; description: string } | null };
  data: {
    id: string;
    dataType: string;
    filename: string | null;
    contentType: string;
    selfLinks: { apps: string };
  }[];
  dataValues: Record<string, string> | null;
}
