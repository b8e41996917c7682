import { CompanyContextSchema } from '@apier/contracts';
import { Client } from 'pg';
import { readJson } from './support/read-json';
import { Stack } from './support/stack';

/**
 * The walking skeleton end to end: client → gateway (HTTP) → NATS → registry-sync → govsim (HTTP)
 * and Postgres → back, with every app running as its own process.
 */
describe('sandbox company context through the whole stack', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start({ apps: ['govsim', 'registry-sync', 'auth-broker', 'filing', 'gateway'] });
  }, 60_000);
  afterAll(() => stack?.stop());

  const contextUrl = (orgnr: string) => `${stack.gatewayUrl}/api/v1/sandbox/public/company/${orgnr}/context`;

  it('returns the full production-shaped context for 999999999 with provenance for every section', async () => {
    const response = await fetch(contextUrl('999999999'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await response.json();
    const context = CompanyContextSchema.parse(body);

    expect(context).toMatchObject({
      schema_version: 'company-context/v1',
      orgnr: '999999999',
      sandbox: true,
    });
    expect(context.entity.data).toMatchObject({
      orgnr: '999999999',
      status: 'active',
      organisation_form: { code: 'AS' },
    });
    expect(context.entity.data.sub_units.length).toBeGreaterThan(0);
    expect(context.roles.data.map((g) => g.code)).toEqual(expect.arrayContaining(['DAGL', 'STYR']));
    expect(context.vat_registration.data).toMatchObject({ registered: true, vat_number: 'NO 999999999 MVA' });
    expect(context.employment.data.active_employments).toBe(context.entity.data.employees.count);
    expect(context.delegation.data.synthetic).toBe(true);

    const expectedSources = {
      entity: 'brreg',
      roles: 'brreg',
      vat_registration: 'skatteetaten',
      employment: 'nav',
      delegation: 'apier',
    };
    for (const [section, source] of Object.entries(expectedSources)) {
      const provenance = context[section as keyof typeof expectedSources].provenance;
      expect(provenance.source).toBe(source);
      expect(provenance.freshness).toBe('fresh');
      expect(Date.parse(provenance.fetched_at)).toBeGreaterThan(Date.now() - 60_000);
      if (source !== 'apier') {
        expect(provenance.source_url).toContain(stack.govsimUrl);
        expect(provenance.content_hash).toMatch(/^[0-9a-f]{64}$/);
      }
    }
    expect(context.entity.provenance.source_url).toBe(
      `${stack.govsimUrl}/enhetsregisteret/api/enheter/999999999`,
    );
  });

  it('stores every upstream answer as a snapshot with provenance and serves the next read from Postgres', async () => {
    const first = CompanyContextSchema.parse(await (await fetch(contextUrl('999999999'))).json());
    const second = CompanyContextSchema.parse(await (await fetch(contextUrl('999999999'))).json());
    expect(second.entity.provenance.fetched_at).toBe(first.entity.provenance.fetched_at);

    const db = new Client({ connectionString: stack.db.url });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT source, dataset, source_url, http_status, content_hash, fetched_at FROM "${stack.db.schema}".registry_snapshots WHERE orgnr = $1 AND environment = 'sandbox' ORDER BY source, dataset`,
        ['999999999'],
      );
      expect(rows.map((r) => `${r.source}/${r.dataset}`)).toEqual([
        'brreg/enhet',
        'brreg/roller',
        'brreg/underenheter',
        'nav/arbeidsgiveroversikt',
        'skatteetaten/mva-innsending-status',
        'skatteetaten/mva-innsendte-meldinger',
        'skatteetaten/mva-register',
      ]);
      const enhet = rows.find((r) => r.dataset === 'enhet')!;
      expect(enhet.content_hash).toBe(first.entity.provenance.content_hash);
      expect(enhet.fetched_at.toISOString()).toBe(first.entity.provenance.fetched_at);
      const org = await db.query(
        `SELECT sandbox, name FROM "${stack.db.schema}".organisations WHERE orgnr = '999999999'`,
      );
      expect(org.rows[0]).toEqual({ sandbox: true, name: first.entity.data.name });
    } finally {
      await db.end();
    }
  });

  it('carries the caller’s traceparent over NATS into the service’s log lines', async () => {
    const traceId = 'aaaabbbbccccddddeeeeffff00001111';
    const response = await fetch(contextUrl('999999999'), {
      headers: { traceparent: `00-${traceId}-1111222233334444-01`, 'x-request-id': 'e2e-trace-check' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('e2e-trace-check');
    expect(response.headers.get('traceresponse')).toContain(traceId);
    const registryLines = () => stack.app('registry-sync').logs.filter((l) => l['trace_id'] === traceId);
    // the access-log line is written once the response has gone out
    await stack
      .app('gateway')
      .waitForLog((l) => l['trace_id'] === traceId && l['msg'] === 'request completed');
    const gatewayLines = stack.app('gateway').logs.filter((l) => l['trace_id'] === traceId);
    expect(gatewayLines.length).toBeGreaterThan(0);
    expect(gatewayLines.every((l) => l['request_id'] === 'e2e-trace-check')).toBe(true);
    await stack
      .app('registry-sync')
      .waitForLog((l) => l['trace_id'] === traceId && l['msg'] === 'rpc handled');
    expect(registryLines().length).toBeGreaterThan(0);
    expect(registryLines().every((l) => l['request_id'] === 'e2e-trace-check')).toBe(true);
    expect(registryLines().every((l) => l['span_id'] !== '1111222233334444')).toBe(true);
  });

  it.each([
    ['123456789', 'mod11'],
    ['12345', 'format'],
    ['99999999x', 'format'],
  ])('refuses the malformed orgnr %s with 400 problem+json naming the %s check', async (orgnr, check) => {
    const response = await fetch(contextUrl(orgnr));
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await readJson(response);
    expect(problem).toMatchObject({
      status: 400,
      code: 'invalid_orgnr',
      check,
      type: expect.stringMatching(/\/problems\/invalid-orgnr$/),
    });
    expect(problem.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(problem.errors[0]).toMatchObject({ parameter: 'orgnr', in: 'path', check });
  });

  it('answers 404 problem+json for a valid organisation number that is not a sandbox company', async () => {
    const response = await fetch(contextUrl('974760673'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 404, code: 'not_a_sandbox_company' });
  });

  it('answers unknown routes with 404 problem+json', async () => {
    const response = await fetch(`${stack.gatewayUrl}/api/v1/nope`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ code: 'not_found' });
  });

  it('reports liveness and readiness of NATS, Postgres and Redis', async () => {
    expect(await (await fetch(`${stack.gatewayUrl}/health/live`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${stack.gatewayUrl}/health/ready`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({
      status: 200,
      body: { status: 'ok', checks: { nats: 'ok', postgres: 'ok', redis: 'ok' } },
    });
  });

  it('serves an OpenAPI 3.1 document generated from the validating schemas', async () => {
    const doc = await readJson(await fetch(`${stack.gatewayUrl}/docs`));
    expect(doc.openapi).toBe('3.1.0');
    const op = doc.paths['/api/v1/sandbox/public/company/{orgnr}/context'].get;
    expect(op.security).toEqual([]);
    expect(op.parameters[0]).toMatchObject({
      name: 'orgnr',
      in: 'path',
      required: true,
      schema: { type: 'string', pattern: '^[0-9]{9}$' },
    });
    expect(op.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CompanyContext',
    });
    expect(doc.components.schemas.CompanyContext.properties.sandbox).toEqual({ type: 'boolean' });
    expect(doc.components.responses.Problem400.content['application/problem+json']).toBeDefined();
  });

  it('exposes Prometheus metrics labelled by route template', async () => {
    const text = await (await fetch(`${stack.gatewayUrl}/metrics`)).text();
    expect(text).toContain(
      'apier_http_requests_total{method="GET",route="/api/v1/sandbox/public/company/:orgnr/context",status="200"',
    );
    expect(text).toContain('apier_http_request_duration_seconds_bucket');
  });
});
