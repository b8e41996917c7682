import { ApierError } from '@apier/contracts';
import { createLogger } from '@apier/platform';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AltinnAuthenticationClient } from './altinn-authentication.client';
import { AltinnHttp } from './altinn-http';
import { SystemRegistration } from './system-registration';
import type { VendorTokenSource } from './vendor-token';

interface Call {
  method: string;
  url: string;
  authorization: string | undefined;
  body: unknown;
}
type Answer = { status: number; body?: unknown; delayMs?: number };

/** A real HTTP server standing in for Altinn; each test scripts its answers per "METHOD path". */
function fakeAltinn() {
  const calls: Call[] = [];
  let script: (call: Call) => Answer = () => ({ status: 404 });
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const call = {
      method: req.method!,
      url: req.url!,
      authorization: req.headers.authorization,
      body: raw ? JSON.parse(raw) : undefined,
    };
    calls.push(call);
    const answer = script(call);
    setTimeout(() => {
      const type = answer.status >= 400 ? 'application/problem+json' : 'application/json';
      res.writeHead(answer.status, { 'content-type': type });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    }, answer.delayMs ?? 0);
  });
  return {
    calls,
    answer: (fn: (call: Call) => Answer) => (script = fn),
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const problem = (code: string, status: number) => ({
  status,
  body: { type: `urn:altinn:error:${code}`, title: 'Refused', status, code },
});

describe('Altinn Authentication vendor client', () => {
  const altinn = fakeAltinn();
  let base: string;
  let issued = 0;
  const tokens: VendorTokenSource = {
    token: async () => `vendor-token-${issued}`,
    invalidate: async () => {
      issued++;
    },
  };
  const client = (timeoutMs = 500) =>
    new AltinnAuthenticationClient(new AltinnHttp({ baseUrl: base, timeoutMs }, tokens));
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: ApierError) => error,
    );

  beforeAll(async () => {
    base = await altinn.start();
  });
  afterAll(() => altinn.stop());
  beforeEach(() => {
    altinn.calls.length = 0;
  });

  it('follows links.next to the end of the system user list and drops deleted users', async () => {
    altinn.answer((call) => {
      const page = new URL(call.url, base).searchParams.get('token');
      const user = (id: string, isDeleted = false) => ({ id, systemId: 's', isDeleted });
      return page === null
        ? {
            status: 200,
            body: {
              links: { next: `${base}/authentication/api/v1/systemuser/vendor/bysystem/s?token=2` },
              data: [user('u1')],
            },
          }
        : { status: 200, body: { links: { next: null }, data: [user('u2'), user('u3', true)] } };
    });
    expect((await client().listSystemUsers('s')).map((u) => u.id)).toEqual(['u1', 'u2']);
    expect(altinn.calls.map((c) => c.url)).toEqual([
      '/authentication/api/v1/systemuser/vendor/bysystem/s',
      '/authentication/api/v1/systemuser/vendor/bysystem/s?token=2',
    ]);
    expect(altinn.calls[0]!.authorization).toMatch(/^Bearer vendor-token-/);
  });

  it('never sends its token to a next link on another host', async () => {
    altinn.answer(() => ({ status: 200, body: { links: { next: 'https://evil.example/steal' }, data: [] } }));
    expect(await refusal(client().listSystemUsers('s'))).toMatchObject({ code: 'upstream_bad_response' });
    expect(altinn.calls).toHaveLength(1);
  });

  it('keeps Altinn’s AUTH code on a refusal and reads "not found" codes as null', async () => {
    altinn.answer((call) =>
      call.method === 'POST' ? problem('AUTH-00009', 400) : problem('AUTH-00010', 404),
    );
    const error = await refusal(
      client().createRequest({
        systemId: 's',
        partyOrgNo: '315678420',
        externalRef: 'r',
        accessPackages: [],
      }),
    );
    expect(error).toMatchObject({
      code: 'altinn_rejected',
      retryable: false,
      details: { altinn_code: 'AUTH-00009', altinn_status: 400 },
    });
    expect(await client().getRequest('6f0e0e9a-8a8a-4a4a-9b9b-0c0c0c0c0c0c')).toBeNull();
  });

  it('answers a System User lookup with null on a bare 404 and the user otherwise', async () => {
    altinn.answer((call) =>
      call.url.includes('external-ref=gone') ? { status: 404 } : { status: 200, body: { id: 'u1' } },
    );
    expect(await client().findSystemUser('s', '315678420', 'gone')).toBeNull();
    expect(await client().findSystemUser('s', '315678420', 'acc-1')).toMatchObject({ id: 'u1' });
    expect(altinn.calls[1]!.url).toBe(
      '/authentication/api/v1/systemuser/vendor/byquery?system-id=s&orgno=315678420&external-ref=acc-1',
    );
  });

  it('turns 5xx, 429, timeouts and refused connections into retryable upstream_unavailable', async () => {
    for (const answer of [{ status: 503 }, { status: 429 }, { status: 200, delayMs: 400 }]) {
      altinn.answer(() => answer);
      const error = await refusal(client(100).getRequest('6f0e0e9a-8a8a-4a4a-9b9b-0c0c0c0c0c0c'));
      expect(error).toMatchObject({
        code: 'upstream_unavailable',
        retryable: true,
        details: { upstream: 'altinn' },
      });
    }
    const dead = new AltinnAuthenticationClient(
      new AltinnHttp({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 300 }, tokens),
    );
    expect(await refusal(dead.listSystemUsers('s'))).toMatchObject({ code: 'upstream_unavailable' });
  });

  it('renews its token once when Altinn answers 401', async () => {
    altinn.answer((call) =>
      call.authorization === `Bearer vendor-token-${issued}` && altinn.calls.length > 1
        ? { status: 200, body: { id: 'u1' } }
        : { status: 401 },
    );
    const before = issued;
    expect(await client().findSystemUser('s', '315678420', 'r')).toMatchObject({ id: 'u1' });
    expect(issued).toBe(before + 1);
    altinn.answer(() => ({ status: 401 }));
    expect(await refusal(client().findSystemUser('s', '315678420', 'r'))).toMatchObject({
      code: 'altinn_rejected',
      details: { altinn_status: 401 },
    });
  });

  describe('system registration', () => {
    const registration = () =>
      new SystemRegistration(
        client(),
        {
          vendorOrgnr: '310000000',
          clientId: 'apier-local',
          accessPackages: ['urn:altinn:accesspackage:skatt-naering'],
        },
        createLogger('spec', 'silent'),
      );
    const registered = (packages: string[]) => ({
      status: 200,
      body: {
        id: '310000000_apier',
        clientId: ['apier-local'],
        accessPackages: packages.map((urn) => ({ urn })),
      },
    });

    it('registers the system when it is missing, and remembers success', async () => {
      altinn.answer((call) =>
        call.method === 'GET' ? problem('AUTH-00011', 404) : { status: 200, body: 'guid' },
      );
      const sut = registration();
      await sut.ensure();
      await sut.ensure();
      expect(altinn.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
        'GET /authentication/api/v1/systemregister/vendor/310000000_apier',
        'POST /authentication/api/v1/systemregister/vendor',
      ]);
      expect(altinn.calls[1]!.body).toMatchObject({
        id: '310000000_apier',
        vendor: { authority: 'iso6523-actorid-upis', ID: '0192:310000000' },
        clientId: ['apier-local'],
        accessPackages: [{ urn: 'urn:altinn:accesspackage:skatt-naering' }],
      });
    });

    it('leaves an identical system alone and replaces one that differs', async () => {
      altinn.answer(() => registered(['urn:altinn:accesspackage:skatt-naering']));
      await registration().ensure();
      expect(altinn.calls.map((c) => c.method)).toEqual(['GET']);
      altinn.calls.length = 0;
      altinn.answer((call) => (call.method === 'GET' ? registered([]) : { status: 200, body: true }));
      await registration().ensure();
      expect(altinn.calls.map((c) => c.method)).toEqual(['GET', 'PUT']);
    });

    it('forgets a failure, so the next call tries again', async () => {
      altinn.answer(() => ({ status: 503 }));
      const sut = registration();
      expect(await refusal(sut.ensure())).toMatchObject({ code: 'upstream_unavailable' });
      altinn.answer(() => registered(['urn:altinn:accesspackage:skatt-naering']));
      await sut.ensure();
    });
  });
});
