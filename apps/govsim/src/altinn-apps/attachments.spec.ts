import { FIXTURE_ORGNRS as ORGNR } from '../fixtures/fixture-orgnrs';
import { type AppInstanceJson, type AppSession, MvaFiler } from '../testing/altinn-app-client';
import { startGovsim, type RunningGovsim } from '../testing/govsim-test-app';
import { konvoluttXml, meldingXml } from '../testing/mva-documents';

/** Booting govsim and generating RSA keys is slow when the machine is busy. */
const SETUP_TIMEOUT_MS = 30_000;

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

describe('attachments and other data elements: the app’s upload restrictions', () => {
  let govsim: RunningGovsim;
  let app: AppSession;
  let instance: AppInstanceJson;

  const attach = (name: string | undefined, body: Buffer | string = PDF, type = 'application/pdf') =>
    app.postData(instance, 'binaerVedlegg', body, type, name);

  beforeAll(async () => {
    govsim = await startGovsim();
    const filer = await MvaFiler.register(govsim);
    await filer.grant(ORGNR.reference);
    app = filer.session(await filer.altinnToken(ORGNR.reference));
  }, SETUP_TIMEOUT_MS);
  beforeEach(async () => {
    instance = (await app.createInstance(ORGNR.reference)).json<AppInstanceJson>();
  });
  afterAll(() => govsim.app.close());

  it(
    'takes up to 57 attachments and refuses the 58th with 409',
    async () => {
      for (let i = 1; i <= 57; i += 1) expect((await attach(`vedlegg-${i}.pdf`)).statusCode).toBe(201);
      const extra = await attach('vedlegg-58.pdf');
      expect(extra.statusCode).toBe(409);
      expect(extra.body).toContain('binaerVedlegg');
      const current = (await app.get(instance)).json<AppInstanceJson>();
      expect(current.data.filter((d) => d.dataType === 'binaerVedlegg')).toHaveLength(57);
    },
    SETUP_TIMEOUT_MS,
  );

  it('takes every documented content type and answers each upload with its data element', async () => {
    const types = ['application/pdf', 'image/png', 'image/jpeg', 'text/xml', 'application/msword'];
    for (const [i, type] of types.entries()) {
      const response = await attach(`fil-${i}`, PDF, type);
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({
        dataType: 'binaerVedlegg',
        filename: `fil-${i}`,
        contentType: type,
        size: PDF.length,
        locked: false,
      });
    }
  });

  it('refuses other content types with the app’s message', async () => {
    for (const type of ['application/octet-stream', 'application/json']) {
      const response = await attach('fil.bin', type === 'application/json' ? '{"a":1}' : PDF, type);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain(`Invalid data provided. Error: Invalid content type: ${type}.`);
    }
  });

  it(
    'refuses a file over 25 MB and takes one of exactly 25 MB',
    async () => {
      const limit = 25 * 1024 * 1024;
      const tooBig = await attach('stor.pdf', Buffer.alloc(limit + 1, 0x20));
      expect(tooBig.statusCode).toBe(400);
      expect(tooBig.body).toBe('Invalid data provided. Error: Binary attachment exceeds limit of 25 MB');
      expect((await attach('akkurat.pdf', Buffer.alloc(limit, 0x20))).statusCode).toBe(201);
    },
    SETUP_TIMEOUT_MS,
  );

  it('needs a file name in Content-Disposition', async () => {
    const without = await attach(undefined);
    expect(without.statusCode).toBe(400);
    expect(without.body).toBe(
      'Invalid data provided. Error: The request must include a Content-Disposition header',
    );
    const nameless = await app.call('POST', `${instance.selfLinks.apps}/data?dataType=binaerVedlegg`, {
      payload: PDF,
      headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment' },
    });
    expect(nameless.statusCode).toBe(400);
    expect(nameless.body).toContain('must contain a filename');
  });

  it('reads RFC 6266 file names, UTF-8 included, and drops any path', async () => {
    const response = await app.call('POST', `${instance.selfLinks.apps}/data?datatype=binaerVedlegg`, {
      payload: PDF,
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="fallback.pdf"; filename*=UTF-8''C%3A%5Ctmp%5Cmerknad%20%C3%A6%C3%B8%C3%A5.pdf`,
      },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().filename).toBe('merknad æøå.pdf');
    const download = await app.call('GET', response.json().selfLinks.apps);
    expect(download.headers['content-disposition']).toContain(
      "filename*=UTF-8''merknad%20%C3%A6%C3%B8%C3%A5.pdf",
    );
    expect(download.rawPayload.equals(PDF)).toBe(true);
  });

  it('knows only its own data types and takes one melding', async () => {
    const unknown = await app.postData(instance, 'regnskap', PDF, 'application/pdf', 'x.pdf');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toBe(`Element type regnskap not allowed for instance ${instance.id}.`);
    const missing = await app.call('POST', `${instance.selfLinks.apps}/data`, {
      payload: PDF,
      headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename=x.pdf' },
    });
    expect(missing.statusCode).toBe(400);
    const melding = meldingXml({ orgnr: ORGNR.reference, regnskapssystemsreferanse: 'one' });
    expect((await app.postMelding(instance, melding)).statusCode).toBe(201);
    expect((await app.postMelding(instance, melding, 'igjen.xml')).statusCode).toBe(409);
    const pdfMelding = await app.postData(instance, 'mvamelding', PDF, 'application/pdf', 'm.pdf');
    expect(pdfMelding.statusCode).toBe(409);
  });

  it('deletes an attachment while filling in, never the envelope', async () => {
    const added = (await attach('slettes.pdf')).json();
    expect((await app.call('DELETE', added.selfLinks.apps)).statusCode).toBe(200);
    expect((await app.call('GET', added.selfLinks.apps)).statusCode).toBe(404);
    const envelope = await app.call('DELETE', instance.data[0]!.selfLinks.apps);
    expect(envelope.statusCode).toBe(400);
  });

  it('locks every element once fill-in is done', async () => {
    const kept = (await attach('beholdes.pdf')).json();
    await app.putKonvolutt(instance, konvoluttXml({ orgnr: ORGNR.reference, vedlegg: ['beholdes.pdf'] }));
    await app.postMelding(
      instance,
      meldingXml({ orgnr: ORGNR.reference, regnskapssystemsreferanse: 'locked' }),
    );
    expect((await app.next(instance)).statusCode).toBe(200);
    const after = (await app.get(instance)).json();
    expect(after.data.every((d: { locked: boolean }) => d.locked)).toBe(true);
    for (const response of [
      await attach('for-sent.pdf'),
      await app.call('DELETE', kept.selfLinks.apps),
      await app.putKonvolutt(instance, konvoluttXml({ orgnr: ORGNR.reference })),
    ])
      expect(response.statusCode).toBe(409);
  });
});
