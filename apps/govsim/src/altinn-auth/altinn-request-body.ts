import type { z } from 'zod';
import { validationProblem } from './altinn-problem';

/** ASP.NET's model binding matches JSON property names case-insensitively; Altinn's own examples rely on it. */
export function withCanonicalKeys(body: unknown, keys: readonly string[]): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const canonical = new Map(keys.map((key) => [key.toLowerCase(), key]));
  return Object.fromEntries(
    Object.entries(body).map(([key, value]) => [canonical.get(key.toLowerCase()) ?? key, value]),
  );
}

/** Parses a request body, answering a shape error with Altinn's validation problem (STD.VLD-00000 per field). */
export function parseAltinnBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw validationProblem(
    result.error.issues.map((issue) => ({
      code: 'STD.VLD-00000',
      title: 'The field is required or has an invalid value.',
      paths: [`/${issue.path.join('/')}`],
      detail: issue.message,
    })),
  );
}
