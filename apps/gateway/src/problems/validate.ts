import { ApierError } from '@apier/contracts';
import type { z } from 'zod';

export type InputLocation = 'path' | 'query' | 'body' | 'header';

/**
 * Validates one part of a request against the same zod schema the OpenAPI document is built
 * from. Failures list each problem with a JSON Pointer (body) or the parameter name.
 */
export function validateInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  location: InputLocation,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    ...(location === 'body'
      ? { pointer: `/${issue.path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}` }
      : { parameter: String(issue.path[0] ?? ''), in: location }),
    detail: issue.message,
    ...(issue.code === 'custom' && issue.params ? issue.params : {}),
  }));
  throw new ApierError(
    'validation_failed',
    `The request ${location === 'body' ? 'body' : `${location} parameters`} failed validation`,
    {
      details: { errors },
    },
  );
}
