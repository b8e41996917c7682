/**
 * P2 tokens: Maskinporten calls ÷ distinct keys under 1,000 concurrent resolutions spread over
 * two auth-broker replicas (goal 1.00), and the latency of a cached resolution compared with the
 * same service's health round trip (same NATS transport, no token work) measured in this run.
 */
import { AuthorizeOrgReplySchema, HealthReplySchema, SUBJECTS } from '@apier/contracts';
import { RpcClient } from '@apier/platform';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { connect } from 'nats';
import { AppProcess } from '../e2e/support/app-process';
import { Stack } from '../e2e/support/stack';
import { type Figure, percentile, report } from './support/report';

const CONCURRENT = 1_000;
const ORGS = 50;
const SAMPLES = 2_000;
const SCOPES = ['altinn:instances.write'];
/** Everything the auth-broker asks Maskinporten for, including the Altinn vendor API scopes. */
const CLIENT_SCOPES = [
  'altinn:instances.read',
  'altinn:instances.write',
  'altinn:authentication/systemregister.write',
  'altinn:authentication/systemuser.request.write',
  'altinn:authentication/systemuser.request.read',
];

async function main(): Promise<void> {
  const stack = await Stack.start({ apps: ['govsim'] });
  const replicas: AppProcess[] = [];
  const nc = await connect({ servers: stack.env['NATS_URL'] });
  try {
    const control = (path: string, body: unknown) =>
      fetch(`${stack.govsimUrl}/govsim/control/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await control('maskinporten/clients', {
      client_id: 'apier-bench',
      orgnr: '310000000',
      scopes: CLIENT_SCOPES,
      jwks: [{ ...publicKey.export({ format: 'jwk' }), kid: 'bench' }],
    });
    const listing = (await (
      await fetch(`${stack.govsimUrl}/govsim/control/companies?limit=${ORGS}`)
    ).json()) as {
      companies: { organisasjonsnummer: string }[];
    };
    const orgnrs = listing.companies.map((c) => c.organisasjonsnummer);

    const env = {
      ...stack.env,
      LOG_LEVEL: 'info',
      MASKINPORTEN_CLIENT_ID: 'apier-bench',
      MASKINPORTEN_SCOPES: CLIENT_SCOPES.join(' '),
      MASKINPORTEN_KEYS: JSON.stringify([
        { kid: 'bench', pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
      ]),
      TOKEN_CACHE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    };
    for (let i = 0; i < 2; i += 1) {
      const replica = new AppProcess('auth-broker', env);
      replica.start();
      await replica.waitForLog((l) => l['msg'] === 'auth-broker ready');
      replicas.push(replica);
    }
    // after the replicas: they register Apier's system themselves; this keeps it pointing at our client
    await control('altinn/systems', {
      id: '310000000_apier',
      vendor_orgnr: '310000000',
      client_ids: ['apier-bench'],
    });
    for (const orgnr of orgnrs) {
      await control('altinn/system-users', { system_id: '310000000_apier', orgnr, access_packages: [] });
    }
    const rpc = new RpcClient(nc, `${stack.token}.`, 30_000);

    const started = performance.now();
    const replies = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) =>
        rpc.request(
          SUBJECTS.auth.authorizeOrg,
          { orgnr: orgnrs[i % orgnrs.length], scopes: SCOPES },
          AuthorizeOrgReplySchema,
        ),
      ),
    );
    const burstMs = performance.now() - started;
    const grants = (await (await fetch(`${stack.govsimUrl}/govsim/control/maskinporten/grants`)).json()) as {
      outcome: string;
      systemUserOrg: string | null;
    }[];
    // The replicas also obtain one plain token for Altinn's vendor APIs (its own cache key).
    const issued = grants.filter((g) => g.outcome === 'issued');
    const calls = issued.filter((g) => g.systemUserOrg !== null).length;
    const vendorCalls = issued.length - calls;

    const cached = await timeEach(() =>
      rpc.request(SUBJECTS.auth.authorizeOrg, { orgnr: orgnrs[0], scopes: SCOPES }, AuthorizeOrgReplySchema),
    );
    const health = await timeEach(() => rpc.request(SUBJECTS.auth.health, {}, HealthReplySchema));

    const figures: Figure[] = [
      {
        name: 'Maskinporten calls ÷ distinct keys',
        value: calls / orgnrs.length,
        unit: '',
        note: `${calls} System User grants for ${orgnrs.length} org keys, ${replies.length} resolutions over 2 replicas (goal 1.00); plus ${vendorCalls} vendor-API grant(s) for its one key`,
      },
      { name: '1,000 concurrent resolutions (cold)', value: burstMs, unit: 'ms' },
      {
        name: 'cached resolution p50',
        value: cached.p50,
        unit: 'ms',
        ratio: cached.p50 / health.p50,
        baseline: `health round trip p50 ${health.p50.toFixed(2)} ms`,
      },
      {
        name: 'cached resolution p99',
        value: cached.p99,
        unit: 'ms',
        ratio: cached.p99 / health.p99,
        baseline: `health round trip p99 ${health.p99.toFixed(2)} ms`,
      },
    ];
    report('token-single-flight', figures);
  } finally {
    await nc.drain();
    await Promise.all(replicas.map((r) => r.stop()));
    await stack.stop();
  }
}

async function timeEach(call: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 100; i += 1) await call(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    const t = performance.now();
    await call();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
