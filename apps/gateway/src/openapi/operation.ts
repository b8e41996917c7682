import type { z } from 'zod';

/** One documented operation; the same zod schemas validate the request at run time. */
export interface Operation {
  method: 'get' | 'post';
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** `approver-session`: the approver's session cookie (and CSRF token), never an API key. */
  auth: 'none' | 'api-key' | 'approver-session';
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Request headers the operation reads (documented as header parameters). */
  headers?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, { description: string; schema?: z.ZodType; problem?: boolean }>;
}
