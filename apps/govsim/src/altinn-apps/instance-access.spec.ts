import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { decodeJwt, SignJWT } from 'jose';
import { FIXTURE_ORGNRS as ORGNR } from '../fixtures/fixture-orgnrs';
import { APP_PATH, type AppInstanceJson, MvaFiler } from '../testing/altinn-app-client';
import { startGovsim, TEST_BASE_URL, type RunningGovsim } from '../testing/govsim-test-app';
import { konvoluttXml } from '../testing/mva-documents';

/** Booting govsim and generating RSA keys is slow when the machine is busy. */
const SETUP_TIMEOUT_MS = 30_000;

const INSTANCES = `${APP_PATH}/instances`;

describe('who may use the app: Altinn tokens, scopes and System User rights per party', () => {
  let govsim: RunningGovsim;
  let filer: MvaFiler;
  let systemUserId: string;

  const create = (
    token: string | null,
    payload: unknown = { instanceOwner: { organisationNumber: ORGNR.reference } },
  ) =>
    govsim.inject({
      method: 'POST',
      url: INSTANCES,
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
      payload: payload as object,
    });

  const expectForbidden = (response: Awaited<ReturnType<typeof create>>) => {
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      type: 'https://tools.ietf.org/html/rfc7231#section-6.5.3',
      title: 'Forbidden',
      status: 403,
      traceId: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/),
    });
  };

  beforeAll(async () => {
    govsim = await startGovsim();
    filer = await MvaFiler.register(govsim);
    systemUserId = await filer.grant(ORGNR.reference);
  }, SETUP_TIMEOUT_MS);
  afterAll(() => govsim.app.close());

  describe('401 without a body', () => {
    it('for a missing or malformed Authorization header', async () => {
      for (const headers of [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer' }]) {
        const response = await govsim.inject({ method: 'POST', url: INSTANCES, headers, payload: {} });
        expect(response.statusCode).toBe(401);
        expect(response.body).toBe('');
        expect(response.headers['www-authenticate']).toBe('Bearer');
      }
    });

    it('for a Maskinporten token that was never exchanged for an Altinn token', async () => {
      expect((await create(await filer.maskinportenToken(ORGNR.reference))).statusCode).toBe(401);
    });

    it(
      'for a token signed with a key that is not Altinn’s',
      async () => {
        const genuine = decodeJwt(await filer.altinnToken(ORGNR.reference));
        const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
        const forged = await new SignJWT({ ...genuine })
          .setProtectedHeader({ alg: 'RS256', kid: 'govsim-altinn-1' })
          .sign(privateKey);
        expect((await create(forged)).statusCode).toBe(401);
      },
      SETUP_TIMEOUT_MS,
    );

    it('for an expired Altinn token', async () => {
      const token = await filer.altinnToken(ORGNR.reference);
      await govsim.inject({
        method: 'PUT',
        url: '/govsim/control/maskinporten/clock',
        payload: { offset_ms: 31 * 60_000 },
      });
      try {
        expect((await create(token)).statusCode).toBe(401);
      } finally {
        await govsim.inject({
          method: 'PUT',
          url: '/govsim/control/maskinporten/clock',
          payload: { offset_ms: 0 },
        });
      }
    });
  });

  describe('403 ProblemDetails', () => {
    it('for a token without altinn:instances.write', async () => {
      expectForbidden(await create(await filer.altinnToken(ORGNR.reference, ['altinn:instances.read'])));
    });

    it('for a System User without the merverdiavgift access package', async () => {
      await filer.grant(ORGNR.sandbox, ['urn:altinn:accesspackage:skatt-naering']);
      const token = await filer.altinnToken(ORGNR.sandbox);
      expectForbidden(await create(token, { instanceOwner: { organisationNumber: ORGNR.sandbox } }));
    });

    it('for a System User of one company creating an instance for another', async () => {
      const token = await filer.altinnToken(ORGNR.reference);
      expectForbidden(await create(token, { instanceOwner: { organisationNumber: ORGNR.accountant } }));
    });

    it('for reading or changing another company’s instance', async () => {
      const owner = filer.session(await filer.altinnToken(ORGNR.reference));
      const instance = (await owner.createInstance(ORGNR.reference)).json<AppInstanceJson>();
      await filer.grant(ORGNR.accountant);
      const other = filer.session(await filer.altinnToken(ORGNR.accountant));
      expectForbidden(await other.get(instance));
      expectForbidden(await other.putKonvolutt(instance, konvoluttXml({ orgnr: ORGNR.accountant })));
      expectForbidden(await other.next(instance));
      expectForbidden(await other.call('GET', `${instance.selfLinks.apps}/feedback/status`));
      expectForbidden(await other.call('GET', instance.data[0]!.selfLinks.apps));
    });

    it('as soon as the company deletes the System User, even with a token still valid', async () => {
      const accountant = await filer.grant(ORGNR.auditor);
      const token = await filer.altinnToken(ORGNR.auditor);
      const payload = { instanceOwner: { organisationNumber: ORGNR.auditor } };
      expect((await create(token, payload)).statusCode).toBe(201);
      const revoked = await govsim.inject({
        method: 'DELETE',
        url: `/govsim/control/altinn/system-users/${accountant}`,
      });
      expect(revoked.statusCode).toBe(204);
      expectForbidden(await create(token, payload));
    });
  });

  it('lets a read-only token look but not touch', async () => {
    const writer = filer.session(await filer.altinnToken(ORGNR.reference));
    const instance = (await writer.createInstance(ORGNR.reference)).json<AppInstanceJson>();
    const reader = filer.session(await filer.altinnToken(ORGNR.reference, ['altinn:instances.read']));
    expect((await reader.get(instance)).statusCode).toBe(200);
    expect((await reader.call('GET', `${instance.selfLinks.apps}/feedback/status`)).statusCode).toBe(200);
    expectForbidden(await reader.next(instance));
  });

  it('records the System User as creator', async () => {
    const response = await create(await filer.altinnToken(ORGNR.reference));
    expect(response.json()).toMatchObject({ createdBy: systemUserId, lastChangedBy: systemUserId });
  });

  describe('404', () => {
    it('with the documented text for an organisation Altinn does not know', async () => {
      const response = await create(await filer.altinnToken(ORGNR.reference), {
        instanceOwner: { organisationNumber: '123456789' },
      });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      expect(response.body).toBe(
        'Cannot lookup party: Failed to lookup party by organisationNumber: 123456789. The exception was: 404 - Not Found - ',
      );
    });

    it('for an instance that does not exist, or under another party', async () => {
      const session = filer.session(await filer.altinnToken(ORGNR.reference));
      const instance = (await session.createInstance(ORGNR.reference)).json<AppInstanceJson>();
      const [partyId, guid] = instance.id.split('/');
      for (const url of [
        `${INSTANCES}/${partyId}/${randomUUID()}`,
        `${INSTANCES}/500000001/${guid}`,
        `${INSTANCES}/${partyId}/${guid}/data/${randomUUID()}`,
      ]) {
        const response = await session.call('GET', url);
        expect(response.statusCode).toBe(404);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    });
  });

  it('creates an instance by party id too, and refuses a template without an owner', async () => {
    const token = await filer.altinnToken(ORGNR.reference);
    const byOrgnr = (await create(token)).json();
    const byParty = await create(token, { instanceOwner: { partyId: byOrgnr.instanceOwner.partyId } });
    expect(byParty.statusCode).toBe(201);
    expect(byParty.json().instanceOwner).toMatchObject({
      partyId: byOrgnr.instanceOwner.partyId,
      organisationNumber: ORGNR.reference,
    });
    for (const payload of [{}, { instanceOwner: {} }, { instanceOwner: { personNumber: '01017012345' } }]) {
      const response = await create(token, payload);
      expect(response.statusCode).toBe(400);
    }
    expect(byOrgnr.selfLinks.apps.startsWith(TEST_BASE_URL)).toBe(true);
  });
});
