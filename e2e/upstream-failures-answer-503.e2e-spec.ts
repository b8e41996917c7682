import { CompanyContextSchema } from '@apier/contracts';
import { createServer, type Server, type Socket } from 'node:net';
import { freePort } from './support/free-port';
import { Stack } from './support/stack';

const CONTEXT = '/api/v1/sandbox/public/company/999999999/context';

async function timed(url: string): Promise<{ response: Response; ms: number }> {
  const started = Date.now();
  const response = await fetch(url);
  return { response, ms: Date.now() - started };
}

/** A registry that accepts connections and never answers: the worst kind of outage. */
async function blackHole(): Promise<{ url: string; close(): Promise<void> }> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

describe('when an upstream or a service is down, the gateway answers 503 problem+json within its deadline', () => {
  it('with govsim unreachable and nothing stored: 503 at once, no hang', async () => {
    const deadPort = await freePort();
    const stack = await Stack.start({
      apps: ['registry-sync', 'gateway'],
      upstreamBaseUrl: `http://127.0.0.1:${deadPort}`,
    });
    try {
      const { response, ms } = await timed(stack.gatewayUrl + CONTEXT);
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(await response.json()).toMatchObject({
        status: 503,
        code: 'upstream_unavailable',
        retryable: true,
      });
      expect(ms).toBeLessThan(3_000);
    } finally {
      await stack.stop();
    }
  }, 60_000);

  it('with a registry that never answers: 503 once the upstream timeout passes, well inside the NATS deadline', async () => {
    const hole = await blackHole();
    const stack = await Stack.start({
      apps: ['registry-sync', 'gateway'],
      upstreamBaseUrl: hole.url,
      env: { UPSTREAM_TIMEOUT_MS: '800', NATS_REQUEST_TIMEOUT_MS: '4000' },
    });
    try {
      const { response, ms } = await timed(stack.gatewayUrl + CONTEXT);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ code: 'upstream_unavailable' });
      expect(ms).toBeGreaterThanOrEqual(700);
      expect(ms).toBeLessThan(4_000);
    } finally {
      await stack.stop();
      await hole.close();
    }
  }, 60_000);

  it('with registry-sync down: 503 service_unavailable from NATS, not a hang', async () => {
    const stack = await Stack.start({ apps: ['govsim', 'gateway'] });
    try {
      const { response, ms } = await timed(stack.gatewayUrl + CONTEXT);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ code: 'service_unavailable' });
      expect(ms).toBeLessThan(3_000);
    } finally {
      await stack.stop();
    }
  }, 60_000);

  it('with govsim gone after a first read: the stored snapshot is served, marked stale', async () => {
    const stack = await Stack.start({
      apps: ['govsim', 'registry-sync', 'gateway'],
      env: { REGISTRY_FRESHNESS_SECONDS: '0' },
    });
    try {
      const first = CompanyContextSchema.parse(await (await fetch(stack.gatewayUrl + CONTEXT)).json());
      expect(first.entity.provenance.freshness).toBe('fresh');
      await stack.app('govsim').stop();
      const gone = Date.now();
      const response = await fetch(stack.gatewayUrl + CONTEXT);
      expect(response.status).toBe(200);
      const stale = CompanyContextSchema.parse(await response.json());
      expect(stale.entity.provenance.freshness).toBe('stale');
      // With a zero freshness bound the first read also queues a background refresh, which may
      // store a newer copy before govsim goes: the one served is a stored one from that window.
      const servedAt = Date.parse(stale.entity.provenance.fetched_at);
      expect(servedAt).toBeGreaterThanOrEqual(Date.parse(first.entity.provenance.fetched_at));
      expect(servedAt).toBeLessThanOrEqual(gone);
      expect(stale.entity.data).toEqual(first.entity.data);
    } finally {
      await stack.stop();
    }
  }, 60_000);
});
