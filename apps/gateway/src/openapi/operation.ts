import type { z } from 'zod';

/** One documented operation; the same zod schemas validate the request at run time. */
export interface Operation {
  method: 'get' | 'post';
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: 'none' | 'api-key';
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, { description: string; schema?: z.ZodType; problem?: boolean }>;
}
