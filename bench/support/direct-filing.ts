import { buildKonvolutt, type MvaMelding, parseValideringsresultat } from '@apier/mva';

const KONVOLUTT_PREFIX = 'no.skatteetaten.fastsetting.avgift.mva.mvameldinginnsending';
const VALIDATE_PATH = '/api/mva/grensesnittstoette/mva-melding/valider';

export interface DirectTarget {
  appUrl: string;
  skatteetatenUrl: string;
  feedbackPollMs: number;
}

interface Instance {
  id: string;
  data: { id: string; dataType: string }[];
}

/**
 * One mva-melding filed straight against govsim's Altinn app and validation API, with the same
 * System User Altinn token type and the same upstream steps as Apier's pipeline (create instance,
 * envelope, melding, validation, process/next ×2, feedback polled at the same interval, then
 * valideringsresultat and betalingsinformasjon read): the baseline of what the calls alone cost.
 * Everything Apier adds around them (gateway, preflight, approval gate, idempotency, persisted
 * steps, queue, receipt) is what the ratio shows.
 */
export async function fileDirectly(
  target: DirectTarget,
  token: string,
  orgnr: string,
  melding: MvaMelding,
  xml: string,
): Promise<void> {
  const call = async (method: string, url: string, body?: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...headers },
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 200)}`);
    return text;
  };
  const json = { 'content-type': 'application/json', accept: 'application/json' };
  const instance = JSON.parse(
    await call(
      'POST',
      `${target.appUrl}/instances`,
      JSON.stringify({ instanceOwner: { organisationNumber: orgnr } }),
      json,
    ),
  ) as Instance;
  const base = `${target.appUrl}/instances/${instance.id}`;
  const konvolutt = instance.data.find((e) => e.dataType.startsWith(KONVOLUTT_PREFIX));
  if (!konvolutt) throw new Error('instance without the envelope element');
  const envelope = buildKonvolutt({
    orgnr,
    periode: melding.periode,
    meldingskategori: melding.meldingskategori,
    opprettetAv: 'Apier',
    meldingFilnavn: 'mvaMelding.xml',
  });
  await call('PUT', `${base}/data/${konvolutt.id}`, envelope, {
    'content-type': 'application/xml',
    accept: 'application/json',
  });
  await call('POST', `${base}/data?dataType=mvamelding`, xml, {
    'content-type': 'text/xml',
    'content-disposition': 'attachment; filename=mvaMelding.xml',
    accept: 'application/json',
  });
  const verdict = parseValideringsresultat(
    await call('POST', `${target.skatteetatenUrl}${VALIDATE_PATH}`, xml, {
      'content-type': 'application/xml',
      accept: 'application/xml',
    }),
  );
  if (verdict.status === 'UGYLDIG_SKATTEMELDING') throw new Error('validation rejected the melding');
  await call('PUT', `${base}/process/next`, undefined, { accept: 'application/json' });
  await call('PUT', `${base}/process/next`, undefined, { accept: 'application/json' });
  while (
    !(JSON.parse(await call('GET', `${base}/feedback/status`)) as { isFeedbackProvided: boolean })
      .isFeedbackProvided
  ) {
    await new Promise((r) => setTimeout(r, target.feedbackPollMs));
  }
  const delivered = JSON.parse(
    await call('GET', base, undefined, { accept: 'application/json' }),
  ) as Instance;
  for (const dataType of ['valideringsresultat', 'betalingsinformasjon']) {
    const element = delivered.data.find((e) => e.dataType === dataType);
    if (!element) throw new Error(`feedback without ${dataType}`);
    await call('GET', `${base}/data/${element.id}`);
  }
}
