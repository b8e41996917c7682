import { get as httpGet, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { type RunningGovsim, startGovsim } from '../testing/govsim-test-app';

const API = '/enhetsregisteret/api';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const heapAfterGc = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

describe('GET /enheter/lastned (bulk download)', () => {
  let govsim: RunningGovsim;
  beforeAll(async () => {
    govsim = await startGovsim({ seed: 7, syntheticCompanies: 40 });
  });
  afterAll(async () => {
    await govsim.app.close();
  });
  const get = (url: string, headers: Record<string, string> = {}) =>
    govsim.inject({ method: 'GET', url, headers });

  it('sends a gzipped JSON array of exactly the bodies /enheter/{orgnr} sends, with Brreg’s media type', async () => {
    const response = await get(`${API}/enheter/lastned`, {
      accept: 'application/vnd.brreg.enhetsregisteret.enhet.v2+gzip;charset=UTF-8',
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.brreg.enhetsregisteret.enhet.v2+gzip;charset=UTF-8',
    );
    expect(response.headers['etag']).toMatch(/^"enheter-7-40-[0-9a-f]{12}"$/);
    const text = gunzipSync(response.rawPayload).toString('utf8');
    const enheter = JSON.parse(text) as { organisasjonsnummer: string }[];
    // by default the dump holds the world's generated companies
    expect(enheter).toHaveLength(40);
    for (const enhet of enheter.slice(0, 5)) {
      const single = await get(`${API}/enheter/${enhet.organisasjonsnummer}`);
      expect(single.statusCode).toBe(200);
      // byte for byte, so a content hash over the dump element equals the one over the single answer
      expect(text).toContain(single.body);
    }
  });

  it('sizes the dump by antall and seed, deterministically, with bankrupt companies at the generator’s rate', async () => {
    const first = await get(`${API}/enheter/lastned?antall=2000&seed=11`);
    const again = await get(`${API}/enheter/lastned?antall=2000&seed=11`);
    const other = await get(`${API}/enheter/lastned?antall=2000&seed=12`);
    expect(first.rawPayload.equals(again.rawPayload)).toBe(true);
    expect(first.headers['etag']).toBe(again.headers['etag']);
    expect(other.headers['etag']).not.toBe(first.headers['etag']);
    const enheter = JSON.parse(gunzipSync(first.rawPayload).toString('utf8')) as {
      organisasjonsnummer: string;
      konkurs: boolean;
      underAvvikling: boolean;
    }[];
    expect(enheter).toHaveLength(2000);
    expect(new Set(enheter.map((e) => e.organisasjonsnummer)).size).toBe(2000);
    expect(enheter.some((e) => e.konkurs)).toBe(true);
    expect(enheter.some((e) => e.underAvvikling)).toBe(true);
    const empty = await get(`${API}/enheter/lastned?antall=0`);
    expect(JSON.parse(gunzipSync(empty.rawPayload).toString('utf8'))).toEqual([]);
  }, 30_000);

  it('refuses a bad size with Brreg’s 400 body and a JSON-only Accept with 406', async () => {
    for (const antall of ['-1', 'many', '2000000', '1.5']) {
      const response = await get(`${API}/enheter/lastned?antall=${antall}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        status: 400,
        error: 'Bad Request',
        path: `${API}/enheter/lastned`,
      });
    }
    expect((await get(`${API}/enheter/lastned?seed=x`)).statusCode).toBe(400);
    const refused = await get(`${API}/enheter/lastned`, { accept: 'application/json' });
    expect(refused.statusCode).toBe(406);
  });

  it('generates only as fast as the client reads: a stalled million-entity download holds no more than a buffer', async () => {
    await govsim.app.listen(0, '127.0.0.1');
    const { port } = govsim.app.getHttpServer().address() as AddressInfo;
    const before = heapAfterGc();
    const response = await new Promise<IncomingMessage>((resolve, reject) =>
      httpGet(`http://127.0.0.1:${port}${API}/enheter/lastned?antall=1000000`, resolve).on('error', reject),
    );
    let received = 0;
    await new Promise<void>((resolve) => {
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > 2_000_000) {
          response.pause();
          resolve();
        }
      });
    });
    // a server that ignored backpressure would now be generating ~1.4 GB of JSON into memory
    await new Promise((r) => setTimeout(r, 1_500));
    const grown = heapAfterGc() - before;
    response.destroy();
    expect(grown).toBeLessThan(40 * 1024 * 1024);
  }, 30_000);
});
