import type { LightMyRequestResponse } from 'fastify';
import type { RunningGovsim } from './govsim-test-app';
import { MaskinportenTestClient } from './maskinporten-test-client';

export const VENDOR_ORGNR = '991825827';
/** FJORDLYS TESTDATA AS, the reference fixture company, as the customer. */
export const CUSTOMER_ORGNR = '315678420';
export const SYSTEM_ID = `${VENDOR_ORGNR}_apier`;
export const RETURN_URL = 'https://broker.example/altinn/return';
/** The ordinary scope the vendor's System User tokens are asked for. */
export const API_SCOPE = 'skatteetaten:mvameldinginnsending';
export const PACKAGES = ['urn:altinn:accesspackage:merverdiavgift', 'urn:altinn:accesspackage:skatt-naering'];

const VENDOR_SCOPES = [
  'altinn:authentication/systemregister.write',
  'altinn:authentication/systemuser.request.write',
  'altinn:authentication/systemuser.request.read',
  API_SCOPE,
];

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface AltinnVendor {
  client: MaskinportenTestClient;
  /** A Maskinporten token with every vendor scope. */
  token: string;
  call: (method: Method, url: string, payload?: unknown, bearer?: string) => Promise<LightMyRequestResponse>;
}

/**
 * A vendor as the auth-broker is one: a Maskinporten client with the Altinn vendor scopes and a
 * system registered through the real system-register API, its clientId pointing at that client.
 */
export async function registerVendor(
  govsim: RunningGovsim,
  clientId = 'apier-broker',
): Promise<AltinnVendor> {
  const client = await MaskinportenTestClient.register(govsim, {
    clientId,
    orgnr: VENDOR_ORGNR,
    scopes: VENDOR_SCOPES,
  });
  const token = await client.token();
  const call: AltinnVendor['call'] = (method, url, payload, bearer = token) =>
    govsim.inject({
      method,
      url,
      headers: { authorization: `Bearer ${bearer}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const registered = await call('POST', '/authentication/api/v1/systemregister/vendor', {
    id: SYSTEM_ID,
    vendor: { authority: 'iso6523-actorid-upis', ID: `0192:${VENDOR_ORGNR}` },
    name: { nb: 'Apier megler', nn: 'Apier meklar', en: 'Apier broker' },
    description: { nb: 'Integrasjonsmegler', nn: 'Integrasjonsmeklar', en: 'Integration broker' },
    rights: [{ resource: [{ id: 'urn:altinn:resource', value: 'ske-krav-og-betalinger' }] }],
    accessPackages: PACKAGES.map((urn) => ({ urn })),
    clientId: [clientId],
    allowedRedirectUrls: [RETURN_URL],
    isVisible: false,
  });
  if (registered.statusCode !== 200) throw new Error(`system registration failed: ${registered.body}`);
  return { client, token, call };
}

/** The form token and action of one decision form on the confirm page. */
export function decisionForm(
  html: string,
  decision: 'approve' | 'reject',
): { action: string; formToken: string } {
  const form = new RegExp(
    `<form method="post" action="([^"]*/${decision}\\?id=[^"]+)">\\s*<input type="hidden" name="form_token" value="([^"]+)">`,
  ).exec(html);
  if (!form) throw new Error(`no ${decision} form on the page`);
  return { action: form[1]!.replace(/&amp;/g, '&'), formToken: form[2]! };
}
