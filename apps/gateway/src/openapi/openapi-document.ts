import { z } from 'zod';
import type { Operation } from './operation';

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details with Apier extensions',
  properties: {
    type: { type: 'string', format: 'uri-reference' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: {
      type: 'string',
      description: 'Stable machine-readable problem code (the type slug with underscores)',
    },
    traceId: { type: 'string', description: 'W3C trace id of the request' },
    retryable: { type: 'boolean' },
    errors: { type: 'array', items: { type: 'object' } },
  },
  required: ['type', 'title', 'status', 'code'],
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const id = z.globalRegistry.get(schema)?.id;
  if (id) return { $ref: `#/components/schemas/${id}` };
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}

function parameters(schema: z.ZodObject | undefined, location: 'path' | 'query' | 'header') {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => {
    const s = jsonSchema(field as z.ZodType, 'input');
    return {
      name,
      in: location,
      required: location === 'path' || !(field as z.ZodType).safeParse(undefined).success,
      ...(typeof s['description'] === 'string' ? { description: s['description'] } : {}),
      schema: s,
    };
  });
}

function componentSchemas(): Record<string, unknown> {
  const all = z.toJSONSchema(z.globalRegistry, {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }).schemas as Record<string, Record<string, unknown>>;
  return Object.fromEntries(
    Object.entries(all).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]),
  );
}

const SECURITY: Record<Operation['auth'], Record<string, string[]>[]> = {
  none: [],
  'api-key': [{ apiKey: [] }],
  'approver-session': [{ approverSession: [] }],
};

/** Builds the OpenAPI 3.1 document from the operation list (JSON Schema 2020-12 throughout). */
export function buildOpenApiDocument(operations: Operation[], serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(op.responses)) {
      responses[status] = r.problem
        ? { $ref: `#/components/responses/Problem${status}`, description: r.description }
        : {
            description: r.description,
            ...(r.schema
              ? { content: { 'application/json': { schema: jsonSchema(r.schema, 'output') } } }
              : {}),
          };
    }
    (paths[op.path] ??= {})[op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: op.tags,
      security: SECURITY[op.auth],
      parameters: [
        ...parameters(op.params, 'path'),
        ...parameters(op.query, 'query'),
        ...parameters(op.headers, 'header'),
      ],
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(op.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  const problemStatuses = new Set(
    operations.flatMap((op) =>
      Object.entries(op.responses)
        .filter(([, r]) => r.problem)
        .map(([s]) => s),
    ),
  );
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Apier API',
      version: '1.0.0',
      summary: 'One API key for Altinn 3, Maskinporten and the Norwegian public registries',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { Problem: PROBLEM_SCHEMA, ...componentSchemas() },
      responses: Object.fromEntries(
        [...problemStatuses].map((s) => [
          `Problem${s}`,
          {
            description: `Problem (${s})`,
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        ]),
      ),
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An Apier API key: apier_live_… or apier_test_…',
        },
        approverSession: {
          type: 'apiKey',
          in: 'cookie',
          name: '__Host-apier_approver',
          description:
            'An approver’s session from POST /approvals/login; unsafe requests also need the session’s X-CSRF-Token',
        },
      },
    },
  };
}
