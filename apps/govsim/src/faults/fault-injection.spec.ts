import { startGovsim, type RunningGovsim } from '../testing/govsim-test-app';

const FAULTS = '/govsim/control/faults';

describe('fault injection per route', () => {
  let govsim: RunningGovsim;
  const setFaults = (rules: unknown) =>
    govsim.inject({ method: 'PUT', url: FAULTS, payload: rules as object });
  const jwk = () => govsim.inject({ method: 'GET', url: '/maskinporten/jwk' });

  beforeAll(async () => {
    govsim = await startGovsim();
  });
  afterEach(() => govsim.inject({ method: 'DELETE', url: FAULTS }));
  afterAll(() => govsim.app.close());

  it('answers 503 for the given number of times, then lets requests through', async () => {
    const set = await setFaults([
      { route_prefix: '/maskinporten/jwk', kind: 'status', status: 503, times: 2 },
    ]);
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual([expect.objectContaining({ kind: 'status', remaining: 2, injected: 0 })]);
    for (let i = 0; i < 2; i += 1) {
      const failed = await jwk();
      expect(failed.statusCode).toBe(503);
      expect(failed.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await jwk()).statusCode).toBe(200);
    expect((await govsim.inject({ method: 'GET', url: FAULTS })).json()).toEqual([
      expect.objectContaining({ remaining: 0, injected: 2 }),
    ]);
  });

  it('rate-limits with 429 and Retry-After', async () => {
    await setFaults([{ route_prefix: '/maskinporten', kind: 'rate_limit', retry_after_s: 7, times: 1 }]);
    const limited = await jwk();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('7');
    expect((await jwk()).statusCode).toBe(200);
  });

  it('delays a request by latency_ms and then answers normally', async () => {
    await setFaults([{ route_prefix: '/maskinporten/jwk', kind: 'latency', latency_ms: 150 }]);
    const started = Date.now();
    const response = await jwk();
    expect(response.statusCode).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('matches whole path segments and leaves other routes alone', async () => {
    await setFaults([{ route_prefix: '/maskinporten/jw', kind: 'status' }]);
    expect((await jwk()).statusCode).toBe(200);
    await setFaults([{ route_prefix: '/enhetsregisteret', kind: 'status', status: 500 }]);
    expect((await jwk()).statusCode).toBe(200);
    expect(
      (await govsim.inject({ method: 'GET', url: '/enhetsregisteret/api/enheter/999999999' })).statusCode,
    ).toBe(500);
  });

  it('never faults the control routes, so a catch-all rule can still be removed', async () => {
    await setFaults([{ route_prefix: '/', kind: 'status', status: 500 }]);
    expect((await jwk()).statusCode).toBe(500);
    expect((await govsim.inject({ method: 'GET', url: FAULTS })).statusCode).toBe(200);
    expect((await govsim.inject({ method: 'DELETE', url: FAULTS })).statusCode).toBe(204);
    expect((await jwk()).statusCode).toBe(200);
  });

  it('drops the connection without an answer', async () => {
    await setFaults([{ route_prefix: '/maskinporten/jwk', kind: 'drop', times: 1 }]);
    await expect(jwk()).rejects.toThrow(/destroyed/);
    expect((await jwk()).statusCode).toBe(200);
  });

  it('holds a request without answering, then drops it', async () => {
    await setFaults([{ route_prefix: '/maskinporten/jwk', kind: 'timeout', latency_ms: 100, times: 1 }]);
    const started = Date.now();
    await expect(jwk()).rejects.toThrow(/destroyed/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('fires a probabilistic rule on the same requests every time the rules are set', async () => {
    const rules = [{ route_prefix: '/maskinporten/jwk', kind: 'status', probability: 0.5 }];
    const pattern = async () => {
      await setFaults(rules);
      const statuses = [];
      for (let i = 0; i < 16; i += 1) statuses.push((await jwk()).statusCode);
      return statuses;
    };
    const first = await pattern();
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await pattern()).toEqual(first);
  });

  it('refuses malformed rules', async () => {
    for (const rules of [
      [{ route_prefix: 'maskinporten', kind: 'status' }],
      [{ route_prefix: '/x', kind: 'explode' }],
      [{ route_prefix: '/x', kind: 'latency' }],
      [{ route_prefix: '/x', kind: 'timeout', latency_ms: 600_000 }],
      [{ route_prefix: '/x', kind: 'status', probability: 2 }],
      [{ route_prefix: '/x', kind: 'status', surprise: true }],
      { route_prefix: '/x', kind: 'status' },
    ]) {
      expect((await setFaults(rules)).statusCode).toBe(400);
    }
  });
});

describe('a held request when govsim shuts down', () => {
  it('is released instead of keeping the app from closing', async () => {
    const govsim = await startGovsim();
    await govsim.inject({
      method: 'PUT',
      url: FAULTS,
      payload: [{ route_prefix: '/maskinporten/jwk', kind: 'timeout' }],
    });
    const held = govsim.inject({ method: 'GET', url: '/maskinporten/jwk' });
    const outcome = held.then(
      () => 'answered',
      () => 'dropped',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await govsim.app.close();
    expect(await outcome).toBe('dropped');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
