import { readJson } from './read-json';

/** Asserts an RFC 9457 answer with our `code` and `traceId` members, and returns it for further checks. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function expectProblem(response: Response, status: number, code: string): Promise<any> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = await readJson(response);
  expect(problem).toMatchObject({ status, code, type: expect.stringContaining(code.replace(/_/g, '-')) });
  expect(problem.traceId).toMatch(/^[0-9a-f]{32}$/);
  return problem;
}
