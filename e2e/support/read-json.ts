/** Response bodies in tests are asserted field by field, so they are typed loosely on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function readJson(response: Response): Promise<any> {
  return response.json();
}
