import { expectProblem } from './support/expect-problem';
import { Stack } from './support/stack';

/** The zero-auth routes share one budget per client address and say how much is left. */
describe('rate limits on the public routes', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start({ apps: ['gateway'], env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '3' } });
  }, 60_000);
  afterAll(() => stack?.stop());

  it('counts down in RateLimit fields, then answers 429 problem+json with Retry-After', async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await fetch(`${stack.gatewayUrl}/api/v1/tools/altinn-migration?role=UTINN`);
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-policy')).toBe('"public";q=3;w=60');
      remaining.push(response.headers.get('ratelimit')!.split(';')[1]!);
    }
    expect(remaining).toEqual(['r=2', 'r=1', 'r=0']);

    // the sandbox shares the budget: the fourth public request of the minute is refused
    const refused = await fetch(`${stack.gatewayUrl}/api/v1/sandbox/public/company/999999999/context`);
    const problem = await expectProblem(refused, 429, 'rate_limited');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(problem.retry_after_seconds).toBe(retryAfter);
    expect(refused.headers.get('ratelimit')).toBe(`"public";r=0;t=${retryAfter}`);
  });

  it('leaves health and documentation out of the public budget, and documents the 429', async () => {
    expect((await fetch(`${stack.gatewayUrl}/health/live`)).status).toBe(200);
    const docs = await fetch(`${stack.gatewayUrl}/docs`);
    expect(docs.status).toBe(200);
    const doc = (await docs.json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(
      doc.paths['/api/v1/sandbox/public/company/{orgnr}/context']!['get']!.responses['429'],
    ).toBeDefined();
    expect(doc.paths['/api/v1/company/{orgnr}/context']!['get']!.responses['429']).toBeUndefined();
  });
});
