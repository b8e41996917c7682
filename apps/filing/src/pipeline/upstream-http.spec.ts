import { ApierError } from '@apier/contracts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { classifyFailure } from './retry-policy';
import { UpstreamHttp } from './upstream-http';

type Answer =
  { status: number; body?: string; type?: string; headers?: Record<string, string> } | 'drop' | 'hang';

/** A real HTTP server in the agency's place; each test scripts the answer. */
describe('upstream HTTP errors, classified for retry', () => {
  let answer: Answer = { status: 200 };
  const seen: { authorization: string | undefined }[] = [];
  const server: Server = createServer((req, res) => {
    seen.push({ authorization: req.headers.authorization });
    req.resume();
    const a = answer;
    if (a === 'drop') return void req.socket.destroy();
    if (a === 'hang') return;
    res.writeHead(a.status, { 'content-type': a.type ?? 'text/plain', ...a.headers });
    res.end(a.body ?? '');
  });
  let url: string;
  const altinn = new UpstreamHttp('altinn', 300);
  const send = () =>
    altinn
      .send({ method: 'PUT', url: `${url}/instances/50012345/abc/process/next`, token: 'secret-token' })
      .then(
        () => null,
        (error: ApierError) => error,
      );

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers the body of a 2xx and sends the bearer token', async () => {
    answer = { status: 200, body: '{"ok":true}', type: 'application/json' };
    const response = await altinn.send({ method: 'GET', url, token: 'secret-token' });
    expect(response).toMatchObject({ status: 200, text: '{"ok":true}' });
    expect(seen.at(-1)!.authorization).toBe('Bearer secret-token');
  });

  it.each([500, 502, 503, 504, 408])('%i is retryable', async (status) => {
    answer = { status };
    const error = await send();
    expect(error).toMatchObject({
      code: 'upstream_unavailable',
      details: expect.objectContaining({ upstream: 'altinn', upstream_status: status }),
    });
    expect(classifyFailure(error).retryable).toBe(true);
  });

  it('429 is retryable after the Retry-After it names', async () => {
    answer = { status: 429, headers: { 'retry-after': '2' } };
    expect(classifyFailure(await send())).toEqual({ retryable: true, retryAfterMs: 2_000 });
  });

  it.each([400, 401, 403, 404, 409])('%i is final', async (status) => {
    answer = { status, body: 'Valideringsfeil: Ugyldig mva-melding' };
    const error = await send();
    expect(error).toMatchObject({ code: 'altinn_rejected', retryable: false });
    expect(error!.message).toContain('Valideringsfeil');
    expect(classifyFailure(error).retryable).toBe(false);
  });

  it('takes the detail of a ProblemDetails refusal as its message', async () => {
    answer = {
      status: 403,
      type: 'application/problem+json',
      body: JSON.stringify({ title: 'Forbidden', status: 403, detail: 'No rights for party' }),
    };
    expect((await send())!.details).toMatchObject({
      upstream_message: 'No rights for party',
      upstream_status: 403,
    });
  });

  it('a dropped connection and no answer in time are retryable', async () => {
    answer = 'drop';
    expect(await send()).toMatchObject({
      code: 'upstream_unavailable',
      details: expect.objectContaining({ reason: 'unreachable' }),
    });
    answer = 'hang';
    expect(await send()).toMatchObject({
      code: 'upstream_unavailable',
      details: expect.objectContaining({ reason: 'timeout' }),
    });
  });

  it('names Skatteetaten in its own refusals and never carries the token', async () => {
    answer = { status: 415, body: 'wrong type' };
    const error = await new UpstreamHttp('skatteetaten', 300)
      .send({ method: 'POST', url, token: 'secret-token', body: '<x/>' })
      .catch((e: ApierError) => e);
    expect(error).toMatchObject({ code: 'skatteetaten_rejected', retryable: false });
    expect(JSON.stringify((error as ApierError).toBody())).not.toContain('secret-token');
  });
});
