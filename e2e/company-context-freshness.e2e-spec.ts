import { expectProblem } from './support/expect-problem';
import { eventually, RegistryFreshnessWorld, shapeOf } from './support/registry-freshness-world';

jest.setTimeout(60_000);

const FRESHNESS_S = 3;
const REFERENCE = '315678420';
const ACCOUNTANT = '315678463';
const AUDITOR = '315678439';
const UNTOUCHED = '315678501';
const INNSYN_MELDINGER = '/skatteetaten/api/mva/grensesnittstoette/innsyn/melding/innsending/melding/v1/';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const timed = async <T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> => {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
};

/**
 * How fresh the company context is and what it costs the registries: a first read fetches, a
 * second is served from Postgres, a read past the freshness bound answers at once with the stored
 * data marked stale while a background job refreshes it, and a registry's 429 is waited out by
 * every caller. Recent MVA returns come from Skatteetaten's innsyn list in sandbox and production.
 */
describe('company context freshness through the gateway', () => {
  let world: RegistryFreshnessWorld;

  beforeAll(async () => {
    world = await RegistryFreshnessWorld.start({
      REGISTRY_FRESHNESS_SECONDS: String(FRESHNESS_S),
      REGISTRY_MAX_AGE_SECONDS: '3600',
      REGISTRY_SWEEP_SECONDS: '3600',
      REGISTRY_FEED_POLL_SECONDS: '3600',
      REGISTRY_REFRESH_BACKOFF_MS: '200',
      // One refresh at a time, so no Brreg call is already on its way when the 429 comes back.
      REGISTRY_REFRESH_CONCURRENCY: '1',
    });
  }, 90_000);
  afterAll(() => world?.stop());
  afterEach(() => world.control('DELETE', 'faults'));

  it('fetches a company once from each registry and serves the next read from Postgres', async () => {
    const first = await world.context(REFERENCE);
    for (const section of ['entity', 'roles', 'vat_registration', 'vat_returns', 'employment'] as const) {
      expect(first[section].provenance.freshness).toBe('fresh');
    }
    const asked = await world.requestsFor(REFERENCE);
    expect(asked.map((r) => r.path).sort()).toEqual(
      [
        `/enhetsregisteret/api/enheter/${REFERENCE}`,
        `/enhetsregisteret/api/enheter/${REFERENCE}/roller`,
        '/enhetsregisteret/api/underenheter',
        `/skatteetaten/api/mva/grensesnittstoette/innsyn/melding/innsending/status/v1/${REFERENCE}`,
        `${INNSYN_MELDINGER}${REFERENCE}`,
        `/skatteetaten/api/mva/mvaregister/v1/enhet/${REFERENCE}`,
      ].sort(),
    );

    const second = await world.context(REFERENCE);
    expect(second.entity.provenance).toEqual(first.entity.provenance);
    expect(second.vat_returns.provenance).toEqual(first.vat_returns.provenance);
    expect(await world.requestsFor(REFERENCE)).toHaveLength(asked.length);
  });

  it('answers past the freshness bound at once with the stored data marked stale, and refreshes it in the background', async () => {
    const first = await world.context(ACCOUNTANT);
    await sleep(FRESHNESS_S * 1000 + 300);
    // Brreg is slow now: a read that waited for it would take over a second and a half.
    await world.control('PUT', 'faults', [
      { route_prefix: `/enhetsregisteret/api/enheter/${ACCOUNTANT}`, kind: 'latency', latency_ms: 1_500 },
    ]);
    const stale = await timed(() => world.context(ACCOUNTANT));
    expect(stale.ms).toBeLessThan(1_200);
    expect(stale.value.entity.provenance).toEqual({ ...first.entity.provenance, freshness: 'stale' });
    expect(stale.value.vat_returns.provenance.freshness).toBe('stale');

    const fresh = await eventually(
      () => timed(() => world.context(ACCOUNTANT)),
      ({ value }) => value.entity.provenance.freshness === 'fresh',
    );
    expect(fresh.ms).toBeLessThan(1_200);
    expect(Date.parse(fresh.value.entity.provenance.fetched_at)).toBeGreaterThan(
      Date.parse(first.entity.provenance.fetched_at),
    );
    const enhetCalls = (await world.requestsFor(ACCOUNTANT)).filter((r) =>
      r.path.endsWith(`/enheter/${ACCOUNTANT}`),
    );
    expect(enhetCalls).toHaveLength(2);
    expect(enhetCalls[1]!.status).toBe(200);
  });

  it('waits out a 429’s Retry-After for every call to that registry, and says so to callers it cannot serve', async () => {
    await world.context(AUDITOR);
    await sleep(FRESHNESS_S * 1000 + 300);
    await world.control('DELETE', 'requests');
    await world.control('PUT', 'faults', [
      {
        route_prefix: `/enhetsregisteret/api/enheter/${AUDITOR}`,
        kind: 'rate_limit',
        retry_after_s: 3,
        times: 1,
      },
    ]);
    const stale = await world.context(AUDITOR);
    expect(stale.entity.provenance.freshness).toBe('stale');

    const brreg = async () => (await world.control('GET', 'requests?path_prefix=/enhetsregisteret')).requests;
    const limited = await eventually(brreg, (rs) => rs.some((r: { status: number }) => r.status === 429));
    const at429 = Date.parse(limited.find((r: { status: number }) => r.status === 429).received_at);

    // A company with nothing stored cannot be served while Brreg is closed: 503 with Retry-After.
    const refused = await world.contextResponse(UNTOUCHED);
    const problem = await expectProblem(refused, 503, 'upstream_unavailable');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(problem.rate_limited).toBe(true);
    expect(await world.requestsFor(UNTOUCHED)).toEqual([]);

    const refreshed = await eventually(
      () => world.context(AUDITOR),
      (c) => c.entity.provenance.freshness === 'fresh',
    );
    expect(refreshed.entity.data.orgnr).toBe(AUDITOR);
    const after429 = (await brreg()).filter(
      (r: { received_at: string; status: number }) => Date.parse(r.received_at) > at429 && r.status !== 429,
    );
    expect(after429.length).toBeGreaterThan(0);
    for (const request of after429) {
      expect(Date.parse(request.received_at) - at429).toBeGreaterThanOrEqual(2_900);
    }
  });

  it('shows recent MVA returns, newest first, in the sandbox and in production with the same schema', async () => {
    const sandbox = await world.sandboxContext();
    const production = await world.context(REFERENCE);
    for (const context of [sandbox, production]) {
      const returns = context.vat_returns.data;
      expect(returns.length).toBeGreaterThan(0);
      expect(returns.length).toBeLessThanOrEqual(10);
      const numbers = returns.map((r) => r.sequence_number);
      expect([...numbers].sort((a, b) => b - a)).toEqual(numbers);
      expect(context.vat_returns.provenance).toMatchObject({
        source: 'skatteetaten',
        source_url: expect.stringContaining(`${INNSYN_MELDINGER}${context.orgnr}`),
        content_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    }
    expect(sandbox.vat_returns.data).toHaveLength(10);
    expect(sandbox.vat_returns.data[0]).toEqual({
      period: 'mars-april',
      year: 2026,
      term_type: 'toMaaned',
      category: 'alminnelig',
      status: 'assessed',
      submitted_at: expect.stringMatching(/^2026-0[56]-\d\dT/),
      sequence_number: expect.any(Number),
      assessed_vat: expect.any(Number),
    });
    // The term still outstanding is not among the returns.
    expect(sandbox.vat_registration.data.outstanding_terms.map((t) => `${t.period} ${t.year}`)).toEqual([
      'mai-juni 2026',
    ]);
    expect(sandbox.vat_returns.data.map((r) => `${r.period} ${r.year}`)).not.toContain('mai-juni 2026');
    expect(shapeOf(sandbox.vat_returns)).toEqual(shapeOf(production.vat_returns));
  });
});
